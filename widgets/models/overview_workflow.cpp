#include "models/overview_workflow.h"

#include <QFutureWatcher>
#include <QMessageBox>
#include <QSettings>
#include <QTabBar>
#include <QTabWidget>
#include <QtConcurrent/QtConcurrentRun>

#include "adapters/method_overview_reader.h"
#include "adapters/workbench_settings.h"
#include "main_window.h"
#include "models/method_steps.h"
#include "models/run_workflow.h"
#include "store/project_store.h"
#include "views/overview_page.h"

namespace redit::gui {

OverviewWorkflow::OverviewWorkflow(MainWindow& window, RunController& controller)
    : QObject(&window), window_(window), controller_(controller) {
    connect(&window_, &MainWindow::projectOpened, this, [this] {
        projectClosed();  // forget the runs of the project that was open
        showOverview();
    });
    connect(&window_, &MainWindow::demoProjectOpened, this, &OverviewWorkflow::computeLawSteps);
    connect(&window_, &MainWindow::projectClosed, this, &OverviewWorkflow::projectClosed);
    connect(&controller_, &RunController::runUpdated, this, &OverviewWorkflow::runUpdated);
}

OverviewPage* OverviewWorkflow::page() const { return page_; }

void OverviewWorkflow::showOverview() {
    if (window_.projectPath().isEmpty()) return;
    if (page_ && window_.tabs()->indexOf(page_) < 0) page_ = nullptr;  // its tab was closed; it is being deleted
    if (!page_) {
        page_ = new OverviewPage(window_.tabs());
        window_.addViewTab(page_, tr("Overview"));
        window_.tabs()->tabBar()->moveTab(window_.tabs()->indexOf(page_), 0);
        connect(page_, &OverviewPage::openRequested, this, &OverviewWorkflow::open);
        connect(page_, &OverviewPage::launchRequested, this, [this](MethodStep step) {
            const QString id = launch(step);
            if (id.isEmpty())
                QMessageBox::warning(&window_, tr("Run %1").arg(stepTitle(step)),
                                     tr("The run could not be launched; the log says why."));
        });
    }
    window_.tabs()->setCurrentWidget(page_);
    refresh();
}

void OverviewWorkflow::refresh() {
    const QString path = window_.projectPath();
    if (path.isEmpty() || !page_) return;
    const int generation = ++generation_;
    struct Read {
        MethodOverview overview;
        QString error;
    };
    auto* watcher = new QFutureWatcher<Read>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, path] {
        watcher->deleteLater();
        if (generation != generation_ || window_.projectPath() != path) return;  // a newer read, or another project
        const Read read = watcher->result();
        if (!read.error.isEmpty()) {
            window_.appendLog(tr("Overview: %1").arg(read.error));
            return;
        }
        apply(read.overview);
    });
    watcher->setFuture(QtConcurrent::run([path] {
        try {
            return Read{loadMethodOverview(ProjectStore::open(path.toStdString(), ProjectStore::Mode::ReadOnly)), {}};
        } catch (const std::exception& e) {  // also SQLite's, from a damaged file
            return Read{{}, QString::fromStdString(e.what())};
        }
    }));
}

void OverviewWorkflow::apply(const MethodOverview& overview) {
    if (page_) page_->setOverview(overview);
    if (computing_ && computingRun_.isEmpty()) continueComputing(overview);
    emit overviewShown();
}

void OverviewWorkflow::computeLawSteps() {
    computing_ = true;
    computingRun_.clear();
    refresh();  // continueComputing follows on the fresh overview
}

void OverviewWorkflow::continueComputing(const MethodOverview& overview) {
    const std::optional<MethodStep> next = nextLawStep(overview);
    if (!next) {
        computing_ = false;
        window_.appendLog(tr("The law's steps have finished: see the Overview"));
        return;
    }
    const StepStatus& status = overview.status(*next);
    const QString newest = QString::number(status.runId);
    const bool active = status.state == StepStatus::State::Queued || status.state == StepStatus::State::Running;
    if (active && states_.contains(newest)) {  // already launched in this session: wait for it
        computingRun_ = newest;
        return;
    }
    const QString blocker = launchBlocker(*next, overview);
    if (!blocker.isEmpty() && !active) {
        computing_ = false;
        window_.appendLog(tr("Cannot compute %1: %2").arg(stepTitle(*next), blocker));
        return;
    }
    computingRun_ = launch(*next);
    if (computingRun_.isEmpty()) computing_ = false;
}

QString OverviewWorkflow::launch(MethodStep step) {
    try {
        const QString device = WorkbenchSettings::load(QSettings()).device;
        const MethodOverview& overview = page_ ? page_->overview() : MethodOverview{};
        if (overview.steps.empty()) throw std::runtime_error(tr("the overview has not been read yet").toStdString());
        const QString id = controller_.launchRun(stepRequest(step, overview, device));
        window_.appendLog(tr("Launched run #%1 (%2) from the overview").arg(id, stepTitle(step)));
        return id;
    } catch (const std::exception& e) {  // ConfigError naming the field, or the store's error
        window_.appendLog(tr("Run %1: %2").arg(stepTitle(step), QString::fromStdString(e.what())));
        return {};
    }
}

void OverviewWorkflow::open(MethodStep step) {
    RunWorkflow* runs = window_.runWorkflow();
    if (!page_ || !runs) return;
    const MethodOverview& overview = page_->overview();
    const qint64 runId = overview.status(step).finishedRunId;
    if (runId == 0) return;
    if (step == MethodStep::Circuits && !overview.circuitPattern.isEmpty())
        runs->showCircuit(QString::number(runId), overview.circuitPattern, kOverviewBudget);
    else
        runs->showResults(QString::number(runId));
}

void OverviewWorkflow::runUpdated(const RunUpdate& update) {
    if (page_) page_->setRunProgress(update.id.toLongLong(), update.progress, update.message);
    const int previous = states_.value(update.id, -1);
    states_[update.id] = int(update.state);
    if (update.id == computingRun_) {
        if (update.state == MonitoredRun::State::Finished) {
            computingRun_.clear();
        } else if (update.state == MonitoredRun::State::Failed || update.state == MonitoredRun::State::Cancelled) {
            computing_ = false;
            computingRun_.clear();
            window_.appendLog(tr("Stopped computing the law's steps: run #%1 did not finish").arg(update.id));
        }
    }
    if (previous != int(update.state)) refresh();
}

void OverviewWorkflow::projectClosed() {
    computing_ = false;
    computingRun_.clear();
    states_.clear();
    ++generation_;  // a read in flight belongs to the closed project
}

}  // namespace redit::gui
