#include "models/run_workflow.h"

#include "models/method_chain.h"
#include "models/method_steps.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFileDialog>
#include <QFormLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QProgressBar>
#include <QStatusBar>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QtConcurrent/QtConcurrentRun>
#include <utility>

#include "views/circuit_compare_view.h"
#include "dialogs/circuit_pair_dialog.h"
#include "views/distance_heatmap.h"
#include "views/interference_scatter.h"
#include "main_window.h"
#include "models/method_chain.h"
#include "models/method_steps.h"
#include "models/explorer_workflow.h"
#include "views/metric_chart.h"
#include "adapters/project_contents_reader.h"
#include "views/project_explorer.h"
#include "dialogs/run_config_dialog.h"
#include "views/run_comparison_view.h"
#include "views/run_details_view.h"
#include "views/run_monitor.h"
#include "models/run_monitor_model.h"
#include "views/results_view.h"

namespace redit::gui {
namespace {

constexpr double kCircuitBudget = 0.3;

// The budget of a distance key such as "jaccard@0.3"; the default budget when it has none.
double budgetOfMetric(const QString& key) {
    bool ok = false;
    const double budget = key.section(QLatin1Char('@'), 1).toDouble(&ok);
    return ok && budget > 0 && budget <= 1 ? budget : kCircuitBudget;
}

}  // namespace

RunWorkflow::RunWorkflow(MainWindow& window, RunController& controller)
    : QObject(&window), window_(window), controller_(controller), busy_(new QProgressBar(&window)) {
    busy_->setObjectName(QStringLiteral("loadingIndicator"));
    busy_->setRange(0, 0);  // busy, no percentage
    busy_->setMaximumWidth(120);
    busy_->hide();
    window_.statusBar()->addPermanentWidget(busy_);
    clock_.start();
    chartRefresh_.setSingleShot(true);
    chartRefresh_.setInterval(250);
    connect(&chartRefresh_, &QTimer::timeout, this, &RunWorkflow::refreshChart);
    detailsRefresh_.setSingleShot(true);
    detailsRefresh_.setInterval(250);
    connect(&detailsRefresh_, &QTimer::timeout, this, &RunWorkflow::refreshDetails);
    RunMonitor* monitor = window_.runMonitor();
    connect(&controller_, &RunController::runUpdated, this, &RunWorkflow::runUpdated);
    connect(&controller_, &RunController::message, &window_, &MainWindow::appendLog);
    connect(&controller_, &RunController::projectChanged, window_.projectExplorer(), &ProjectExplorer::setContents);
    connect(monitor->table()->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunWorkflow::refreshChart);
    connect(window_.metricChart(), &MetricChart::metricChosen, this, &RunWorkflow::refreshChart);
    connect(monitor->table(), &QTableView::doubleClicked, this, [this, monitor](const QModelIndex& index) {
        if (const MonitoredRun* run = monitor->model()->runAt(index.row())) showDetails(run->id);
    });
    connect(window_.projectExplorer(), &ProjectExplorer::projectResultsActivated, this,
            &RunWorkflow::showProjectResults);
    connect(&window_, &MainWindow::projectOpened, this, &RunWorkflow::loadProjectRuns);
    new ExplorerWorkflow(window_, *this, controller_);  // the other explorer entries' pages and the context menus
    connect(window_.projectExplorer(), &ProjectExplorer::entryActivated, this,
            [this](ProjectExplorer::Group group, const QString& name) {
                if (group == ProjectExplorer::Runs) {
                    if (std::optional<qint64> id = runIdOfLabel(name)) showResults(QString::number(*id));
                } else if (group == ProjectExplorer::Circuits) {
                    if (std::optional<CircuitEntry> circuit = circuitOfLabel(name)) {
                        QString pattern = circuit->pattern;  // a split half ("p/A", "p/B") opens its pattern
                        if (pattern.endsWith(QLatin1String("/A")) || pattern.endsWith(QLatin1String("/B")))
                            pattern.chop(2);
                        showCircuit(QString::number(circuit->runId), pattern, kCircuitBudget);
                    }
                }
            });
}

void RunWorkflow::newRun(const QString& cloneOf, const nlohmann::json& preset) {
    try {
        RunConfigDialog dialog(controller_, &window_);
        if (!cloneOf.isEmpty()) {
            dialog.setRequest(controller_.runDetails(cloneOf).config);
            dialog.setWindowTitle(tr("Clone and Edit Run #%1").arg(cloneOf));
        }
        dialog.setRequest(preset);
        emit dialogOpened(&dialog);
        if (dialog.exec() != QDialog::Accepted) return;
        if (!dialog.launchedSweep().isEmpty()) {
            window_.appendLog(tr("Launched sweep %1 (its cells are in the Sweeps pane)").arg(dialog.launchedSweep()));
            emit sweepLaunched(dialog.launchedSweep());
            return;
        }
        window_.appendLog(tr("Launched run #%1").arg(dialog.launchedRunId()));
        if (MethodChain* chain = dialog.launchedChain()) {
            connect(chain, &MethodChain::stepLaunched, this, [this](MethodStep step, const QString& id) {
                window_.appendLog(tr("Whole method: launched run #%1 (%2)").arg(id, stepTitle(step)));
            });
            connect(chain, &MethodChain::ended, this, [this](bool, const QString& message) { window_.appendLog(message); });
        }
    } catch (const std::exception& e) {  // also SQLite's, from a damaged file
        window_.appendLog(tr("New run: %1").arg(QString::fromStdString(e.what())));
    }
}

void RunWorkflow::showDetails(const QString& runId) {
    try {
        const RunDetails details = controller_.runDetails(runId);
        QTabWidget* tabs = window_.tabs();
        RunDetailsView* view = detailsTab(runId);
        if (!view) {
            view = new RunDetailsView(tabs);
            window_.addViewTab(view, tr("Run #%1").arg(runId));
            connect(view, &RunDetailsView::cloneRequested, this, [this](const QString& id) { newRun(id); });
        }
        view->setDetails(details);
        tabs->setCurrentWidget(view);
    } catch (const std::exception& e) {
        window_.appendLog(tr("Run details: %1").arg(QString::fromStdString(e.what())));
    }
}

void RunWorkflow::showResults(const QString& runId) {
    try {
        readInBackground<RunResults>(tr("run #%1").arg(runId), controller_.runResultsReader(runId),
                                     [this, runId](RunResults results) { openResults(runId, std::move(results)); });
    } catch (const std::exception& e) {  // no project is open, or a bad run id
        window_.appendLog(tr("Run results: %1").arg(QString::fromStdString(e.what())));
    }
}

void RunWorkflow::showProjectResults() {
    try {
        readInBackground<ProjectEditResults>(
            tr("the project's compare runs"), controller_.projectResultsReader(), [this](ProjectEditResults results) {
                const QString note = projectEditResultsNote(results);
                window_.showResults(tr("Project results"), std::move(results.edits))->setNote(note);
                window_.appendLog(tr("Project results: %1").arg(note));
            });
    } catch (const std::exception& e) {  // no project is open
        window_.appendLog(tr("Project results: %1").arg(QString::fromStdString(e.what())));
    }
}

void RunWorkflow::showCircuit(const QString& runId, const QString& pattern, double budget) {
    try {
        readInBackground<DrawnCircuit>(tr("run #%1").arg(runId), controller_.runCircuitReader(runId, pattern, budget),
                                       [this, runId, pattern](DrawnCircuit graph) {
                                           window_.showCircuit(tr("Run #%1: %2").arg(runId, pattern), std::move(graph));
                                       });
    } catch (const std::exception& e) {
        window_.appendLog(tr("Run results: %1").arg(QString::fromStdString(e.what())));
    }
}

template <typename T>
void RunWorkflow::readInBackground(const QString& subject, std::function<T()> read, std::function<void(T)> show) {
    struct Read {
        T value{};
        QString error;
    };
    auto* watcher = new QFutureWatcher<Read>(this);
    const QString project = window_.projectPath();
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, subject, project, show = std::move(show)] {
        watcher->deleteLater();
        setLoading(-1, subject);
        if (window_.projectPath() != project) return;  // the project was closed or replaced meanwhile
        Read result = watcher->result();
        if (result.error.isEmpty()) {
            show(std::move(result.value));
            return;
        }
        window_.appendLog(tr("Results of %1: %2").arg(subject, result.error));
        QMessageBox::warning(&window_, tr("Results"),
                             tr("The results of %1 cannot be read:\n%2").arg(subject, result.error));
    });
    setLoading(+1, subject);
    watcher->setFuture(QtConcurrent::run([read = std::move(read)] {
        try {
            return Read{read(), {}};
        } catch (const std::exception& e) {  // also SQLite's, from a damaged file
            return Read{T{}, QString::fromStdString(e.what())};
        }
    }));
}

void RunWorkflow::setLoading(int change, const QString& subject) {
    loading_ += change;
    busy_->setVisible(loading_ > 0);
    QStatusBar* status = window_.statusBar();
    if (change > 0)
        status->showMessage(tr("Loading the results of %1…").arg(subject));
    else if (loading_ == 0)
        status->clearMessage();
}

void RunWorkflow::openResults(const QString& runId, RunResults results) {
    switch (results.view) {
    case RunResults::View::None: showDetails(runId); break;
    case RunResults::View::Circuit: {
        bool chosen = true;
        const QString pattern =
            results.patterns.size() == 1
                ? results.patterns.first()
                : QInputDialog::getItem(&window_, tr("Circuit"), tr("Pattern:"), results.patterns, 0, false, &chosen);
        if (chosen && !pattern.isEmpty()) showCircuit(runId, pattern, kCircuitBudget);
        break;
    }
    case RunResults::View::Distances: {
        DistanceHeatmap* view = window_.showDistances(tr("Run #%1: distances").arg(runId), std::move(results.distances));
        const QString circuits = QString::number(results.circuitsRun);
        view->disconnect(this);  // the tab is reused when the run is opened again
        if (results.circuitsRun > 0)
            connect(view, &DistanceHeatmap::pairClicked, this, [this, view, circuits](int row, int column) {
                const QStringList& patterns = view->distances().patterns;
                compareCircuits(circuits, patterns[row], circuits, patterns[column], budgetOfMetric(view->metric()));
            });
        break;
    }
    case RunResults::View::Interference: {
        InterferenceScatter* view =
            window_.showInterference(tr("Run #%1: interference").arg(runId), std::move(results.interference));
        const QString circuits = QString::number(results.circuitsRun);
        view->disconnect(this);
        if (results.circuitsRun > 0)
            connect(view, &InterferenceScatter::pairClicked, this,
                    [this, view, circuits](const QString& edited, const QString& probed) {
                        compareCircuits(circuits, edited, circuits, probed, view->budget().toDouble());
                    });
        break;
    }
    case RunResults::View::Results:
        window_.showResults(tr("Run #%1: results").arg(runId), std::move(results.edits));
        break;
    }
}

void RunWorkflow::compareCircuits(const QString& runA, const QString& patternA, const QString& runB,
                                  const QString& patternB, double budget) {
    const QString a = tr("#%1 %2").arg(runA, patternA);
    const QString b = runA == runB ? patternB : tr("#%1 %2").arg(runB, patternB);
    CircuitCompareView* view = window_.comparisonTab(tr("Compare %1 / %2").arg(a, b));
    view->setLoader([this, runA, patternA, runB, patternB](double chosen) {
        return controller_.compareCircuits(runA, patternA, runB, patternB, chosen);
    });
    const QString error = view->load(budget);
    if (!error.isEmpty()) window_.appendLog(tr("Compare circuits: %1").arg(error));
}

void RunWorkflow::chooseCircuitComparison() {
    QStringList finished;
    for (const QString& label : controller_.runLabels())
        if (label.endsWith(QLatin1String("(finished)"))) finished << label;
    CircuitPairDialog dialog(finished, [this](const QString& runId) {
        try {
            const RunResults results = controller_.runResultsReader(runId)();  // a small read for the dialog
            return results.view == RunResults::View::Circuit ? results.patterns : QStringList();
        } catch (const std::exception&) {  // a run whose results cannot be read offers no pattern
            return QStringList();
        }
    }, &window_);
    if (dialog.exec() == QDialog::Accepted)
        compareCircuits(dialog.runA(), dialog.patternA(), dialog.runB(), dialog.patternB(), dialog.budget());
}

void RunWorkflow::compareRuns(const QString& firstRun) {
    const QStringList labels = controller_.runLabels();
    if (labels.size() < 2) {
        window_.appendLog(tr("Compare runs: the project needs two runs"));
        return;
    }
    QDialog dialog(&window_);
    dialog.setWindowTitle(tr("Compare Runs"));
    auto* first = new QComboBox(&dialog);
    auto* second = new QComboBox(&dialog);
    first->addItems(labels);
    second->addItems(labels);
    first->setCurrentIndex(int(labels.size()) - 2);
    second->setCurrentIndex(int(labels.size()) - 1);
    for (int i = 0; i < labels.size() && !firstRun.isEmpty(); ++i)
        if (runIdOfLabel(labels[i]) == firstRun.toLongLong()) {
            first->setCurrentIndex(i);
            second->setCurrentIndex(i == labels.size() - 1 ? i - 1 : int(labels.size()) - 1);
        }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    auto* form = new QFormLayout(&dialog);
    form->addRow(tr("Run &A:"), first);
    form->addRow(tr("Run &B:"), second);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted) return;
    const std::optional<qint64> a = runIdOfLabel(first->currentText());
    const std::optional<qint64> b = runIdOfLabel(second->currentText());
    if (a && b) showRunComparison(QString::number(*a), QString::number(*b));
}

RunComparisonView* RunWorkflow::showRunComparison(const QString& runA, const QString& runB) {
    try {
        const RunDetails a = controller_.runDetails(runA);
        const RunDetails b = controller_.runDetails(runB);
        const QString title = tr("Runs #%1 / #%2").arg(runA, runB);
        QTabWidget* tabs = window_.tabs();
        RunComparisonView* view = nullptr;
        for (int i = 0; i < tabs->count() && !view; ++i)
            if (tabs->tabText(i) == title) view = qobject_cast<RunComparisonView*>(tabs->widget(i));
        if (!view) {
            view = new RunComparisonView(tabs);
            window_.addViewTab(view, title);
        }
        view->setRuns(a, b, [this](const QString& id, const QString& metric) { return controller_.metricSeries(id, metric); });
        tabs->setCurrentWidget(view);
        return view;
    } catch (const std::exception& e) {  // also SQLite's, from a damaged file
        window_.appendLog(tr("Compare runs: %1").arg(QString::fromStdString(e.what())));
        return nullptr;
    }
}

ReportContent RunWorkflow::reportContent(const QString& runId) const {
    ReportContent report;
    report.projectPath = QDir::toNativeSeparators(window_.projectPath());
    report.generatedAt = QDateTime::currentDateTime().toString(Qt::ISODate);
    report.title = runId.isEmpty() ? tr("Project %1").arg(QFileInfo(window_.projectPath()).completeBaseName())
                                   : tr("Run #%1").arg(runId);
    if (runId.isEmpty()) {
        for (const QString& label : controller_.runLabels())
            if (const std::optional<qint64> id = runIdOfLabel(label)) report.runs.push_back(controller_.runDetails(QString::number(*id)));
    } else {
        report.runs.push_back(controller_.runDetails(runId));
    }
    // A run's views are the tabs titled "Run #N: …" (its analysis views) or "Run #N" (its details).
    const QString runTab = tr("Run #%1").arg(runId);
    QTabWidget* tabs = window_.tabs();
    for (int i = 0; i < tabs->count(); ++i) {
        const QString title = tabs->tabText(i);
        if (!runId.isEmpty() && title != runTab && !title.startsWith(runTab + QLatin1Char(':'))) continue;
        if (const auto* figure = dynamic_cast<const FigureSource*>(tabs->widget(i))) {
            ReportFigure picture = reportFigure(*figure, title);
            if (!picture.image.isNull()) report.figures.push_back(std::move(picture));
        }
        if (const auto* results = qobject_cast<const ResultsView*>(tabs->widget(i))) {
            const QAbstractItemModel* model = results->summaryTable()->model();
            ReportTable table{title, {}, {}};
            for (int c = 0; c < model->columnCount(); ++c) table.headers << model->headerData(c, Qt::Horizontal).toString();
            for (int r = 0; r < model->rowCount(); ++r) {
                QStringList row;
                for (int c = 0; c < model->columnCount(); ++c) row << model->index(r, c).data().toString();
                table.rows << row;
            }
            report.tables.push_back(std::move(table));
        }
    }
    return report;
}

void RunWorkflow::exportReport() {
    QStringList scopes{tr("The whole project")};
    scopes << controller_.runLabels();
    bool chosen = false;
    const QString scope = QInputDialog::getItem(&window_, tr("Export Report"), tr("Report of:"), scopes, 0, false, &chosen);
    if (!chosen) return;
    const std::optional<qint64> run = runIdOfLabel(scope);
    const QString path = QFileDialog::getSaveFileName(&window_, tr("Export report"), QString(),
                                                      tr("HTML report (*.html);;PDF report (*.pdf)"));
    if (path.isEmpty()) return;
    try {
        writeReport(reportContent(run ? QString::number(*run) : QString()), path);
        window_.appendLog(tr("Wrote the report %1").arg(QDir::toNativeSeparators(path)));
    } catch (const std::exception& e) {
        QMessageBox::critical(&window_, tr("Export Report"), QString::fromStdString(e.what()));
    }
}

QString RunWorkflow::selectedRun() const {
    const RunMonitor* monitor = window_.runMonitor();
    const QModelIndexList rows = monitor->table()->selectionModel()->selectedRows();
    const MonitoredRun* run = rows.isEmpty() ? nullptr : monitor->model()->runAt(rows.first().row());
    return run ? run->id : QString();
}

void RunWorkflow::clear() {
    window_.runMonitor()->model()->clear();
    eta_.clear();
    refreshChart();
}

void RunWorkflow::loadProjectRuns() {
    try {
        RunMonitorModel* monitor = window_.runMonitor()->model();
        for (const RunUpdate& run : controller_.projectRuns())  // oldest first; each new row goes on top
            monitor->upsertRun({run.id, run.name, run.state, run.progress, -1});
    } catch (const std::exception& e) {  // also SQLite's, from a damaged file
        window_.appendLog(tr("Runs: %1").arg(QString::fromStdString(e.what())));
    }
}

void RunWorkflow::runUpdated(const RunUpdate& update) {
    MonitoredRun row{update.id, update.name, update.state, update.progress, -1};
    if (update.state == MonitoredRun::State::Running)
        row.etaSeconds = eta_.update(update.id, update.progress, double(clock_.elapsed()) / 1000.0);
    else if (!row.isActive())
        eta_.forget(update.id);
    window_.runMonitor()->model()->upsertRun(row);
    if (update.id == selectedRun() && (update.hasMetrics || !row.isActive()) && !chartRefresh_.isActive())
        chartRefresh_.start();
    if (detailsTab(update.id)) {
        detailsToRefresh_.insert(update.id);
        if (!detailsRefresh_.isActive()) detailsRefresh_.start();
    }
}

RunDetailsView* RunWorkflow::detailsTab(const QString& runId) const {
    const QTabWidget* tabs = window_.tabs();
    const QString title = tr("Run #%1").arg(runId);
    for (int i = 0; i < tabs->count(); ++i)
        if (tabs->tabText(i) == title)
            if (auto* view = qobject_cast<RunDetailsView*>(tabs->widget(i))) return view;
    return nullptr;
}

void RunWorkflow::refreshDetails() {
    const QSet<QString> runs = std::exchange(detailsToRefresh_, {});
    for (const QString& runId : runs) {
        RunDetailsView* view = detailsTab(runId);  // the tab may have been closed since
        if (!view) continue;
        try {
            view->setDetails(controller_.runDetails(runId));
        } catch (const std::exception& e) {
            window_.appendLog(tr("Run details: %1").arg(QString::fromStdString(e.what())));
        }
    }
}

void RunWorkflow::refreshChart() {
    MetricChart* chart = window_.metricChart();
    const QString runId = selectedRun();
    if (runId.isEmpty()) {
        chart->setMetricNames({});
        chart->setPoints(tr("Select a run to plot its metrics"), {});
        return;
    }
    try {
        chart->setMetricNames(controller_.runDetails(runId).metricNames);
        const QString metric = chart->currentMetric();
        chart->setPoints(metric.isEmpty() ? tr("Run #%1 records no metrics per step").arg(runId)
                                          : tr("Run #%1: %2").arg(runId, metric),
                         metric.isEmpty() ? QVector<QPointF>() : controller_.metricSeries(runId, metric));
    } catch (const std::exception& e) {
        window_.appendLog(tr("Metric chart: %1").arg(QString::fromStdString(e.what())));
    }
}

}  // namespace redit::gui
