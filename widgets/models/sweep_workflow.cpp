#include "models/sweep_workflow.h"

#include <QFutureWatcher>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>

#include "adapters/run_controller.h"
#include "main_window.h"
#include "models/run_workflow.h"
#include "views/sweep_monitor.h"

namespace redit::gui {
namespace {
constexpr int kRefreshMs = 3000;
}

SweepWorkflow::SweepWorkflow(MainWindow& window, RunController& controller, SweepMonitor& monitor)
    : QObject(&window), window_(window), controller_(controller), monitor_(monitor) {
    timer_.setInterval(kRefreshMs);
    connect(&timer_, &QTimer::timeout, this, &SweepWorkflow::refresh);
    connect(&window_, &MainWindow::projectOpened, this, &SweepWorkflow::projectOpened);
    connect(&window_, &MainWindow::projectClosed, this, &SweepWorkflow::projectClosed);
    connect(&monitor_, &SweepMonitor::collectRequested, this, &SweepWorkflow::collect);
    connect(&monitor_, &SweepMonitor::resumeRequested, this, &SweepWorkflow::resume);
    if (!window_.projectPath().isEmpty()) projectOpened();
}

void SweepWorkflow::projectOpened() {
    sweeps_.clear();
    monitor_.setSweeps({});
    refresh();
}

void SweepWorkflow::projectClosed() {
    timer_.stop();
    sweeps_.clear();
    monitor_.setSweeps({});
}

void SweepWorkflow::refresh() {
    const QString project = window_.projectPath();
    if (project.isEmpty()) return;
    if (reading_) {
        readAgain_ = true;
        return;
    }
    reading_ = true;
    auto* watcher = new QFutureWatcher<QList<SweepView>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, project] {
        watcher->deleteLater();
        reading_ = false;
        show(project, watcher->result());
        if (readAgain_) {
            readAgain_ = false;
            refresh();
        }
    });
    const StageRegistry& registry = controller_.stageRegistry();
    watcher->setFuture(QtConcurrent::run([project, &registry] { return readProjectSweeps(project, registry); }));
}

void SweepWorkflow::show(const QString& project, const QList<SweepView>& sweeps) {
    if (window_.projectPath() != project) return;  // the project was closed or replaced meanwhile
    sweeps_ = sweeps;
    monitor_.setSweeps(sweeps);
    bool active = false;
    for (const SweepView& sweep : sweeps) active = active || sweep.isActive();
    if (active && !timer_.isActive()) timer_.start();
    if (!active) timer_.stop();
    for (const SweepView& sweep : sweeps)
        if (sweep.spec == select_) {
            monitor_.selectSpec(select_);
            select_.clear();
        }
    emit refreshed();
}

void SweepWorkflow::launched(const QString& spec) {
    select_ = spec;
    refresh();
    timer_.start();  // the launcher may not have written anything yet
}

void SweepWorkflow::collect(const QString& spec) {
    const QString project = window_.projectPath();
    if (spec.isEmpty() || project.isEmpty()) return;
    struct Outcome {
        bool ok = false;
        QString line;
    };
    auto* watcher = new QFutureWatcher<Outcome>(this);
    monitor_.collectButton()->setEnabled(false);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, project] {
        watcher->deleteLater();
        const Outcome outcome = watcher->result();
        window_.appendLog(outcome.line);
        if (window_.projectPath() == project && outcome.ok) {
            controller_.reloadProject();
            if (window_.runWorkflow()) window_.runWorkflow()->loadProjectRuns();
        }
        refresh();
        emit collected(outcome.ok, outcome.line);
    });
    const StageRegistry& registry = controller_.stageRegistry();
    watcher->setFuture(QtConcurrent::run([project, spec, &registry] {
        try {
            return Outcome{true, collectSweepInto(project, spec, registry)};
        } catch (const std::exception& e) {  // also SQLite's
            return Outcome{false, tr("Collect: %1").arg(QString::fromStdString(e.what()))};
        }
    }));
}

void SweepWorkflow::resume(const QString& spec) {
    if (spec.isEmpty()) return;
    try {
        const QString log = startSweep(spec, sweepExecution(spec), true);
        window_.appendLog(tr("Resumed the stopped cells of %1 (output in %2)").arg(spec, log));
        launched(spec);
    } catch (const std::exception& e) {
        window_.appendLog(tr("Resume: %1").arg(QString::fromStdString(e.what())));
    }
}

}  // namespace redit::gui
