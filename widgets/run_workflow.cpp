#include "run_workflow.h"

#include <QInputDialog>
#include <QTabWidget>
#include <QTableView>

#include "circuit_compare_view.h"
#include "distance_heatmap.h"
#include "interference_scatter.h"
#include "main_window.h"
#include "metric_chart.h"
#include "project_contents_reader.h"
#include "project_explorer.h"
#include "run_config_dialog.h"
#include "run_details_view.h"
#include "run_monitor.h"
#include "run_monitor_model.h"
#include "results_view.h"

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
    : QObject(&window), window_(window), controller_(controller) {
    clock_.start();
    chartRefresh_.setSingleShot(true);
    chartRefresh_.setInterval(250);
    connect(&chartRefresh_, &QTimer::timeout, this, &RunWorkflow::refreshChart);
    RunMonitor* monitor = window_.runMonitor();
    connect(&controller_, &RunController::runUpdated, this, &RunWorkflow::runUpdated);
    connect(&controller_, &RunController::message, &window_, &MainWindow::appendLog);
    connect(&controller_, &RunController::projectChanged, window_.projectExplorer(), &ProjectExplorer::setContents);
    connect(monitor->table()->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunWorkflow::refreshChart);
    connect(window_.metricChart(), &MetricChart::metricChosen, this, &RunWorkflow::refreshChart);
    connect(monitor->table(), &QTableView::doubleClicked, this, [this, monitor](const QModelIndex& index) {
        if (const RunStatus* run = monitor->model()->runAt(index.row())) showDetails(run->id);
    });
    connect(window_.projectExplorer(), &ProjectExplorer::entryActivated, this,
            [this](ProjectExplorer::Group group, const QString& name) {
                if (group != ProjectExplorer::Runs) return;
                if (std::optional<qint64> id = runIdOfLabel(name))
                    if (!showResults(QString::number(*id))) showDetails(QString::number(*id));
            });
}

void RunWorkflow::newRun(const QString& cloneOf) {
    try {
        RunConfigDialog dialog(controller_, &window_);
        if (!cloneOf.isEmpty()) {
            dialog.setRequest(controller_.runDetails(cloneOf).config);
            dialog.setWindowTitle(tr("Clone and Edit Run #%1").arg(cloneOf));
        }
        emit dialogOpened(&dialog);
        if (dialog.exec() == QDialog::Accepted) window_.appendLog(tr("Launched run #%1").arg(dialog.launchedRunId()));
    } catch (const std::exception& e) {  // also SQLite's, from a damaged file
        window_.appendLog(tr("New run: %1").arg(QString::fromStdString(e.what())));
    }
}

void RunWorkflow::showDetails(const QString& runId) {
    try {
        const RunDetails details = controller_.runDetails(runId);
        QTabWidget* tabs = window_.tabs();
        const QString title = tr("Run #%1").arg(runId);
        RunDetailsView* view = nullptr;
        for (int i = 0; i < tabs->count() && !view; ++i)
            if (tabs->tabText(i) == title) view = qobject_cast<RunDetailsView*>(tabs->widget(i));
        if (!view) {
            view = new RunDetailsView(tabs);
            tabs->addTab(view, title);
            connect(view, &RunDetailsView::cloneRequested, this, [this](const QString& id) { newRun(id); });
        }
        view->setDetails(details);
        tabs->setCurrentWidget(view);
    } catch (const std::exception& e) {
        window_.appendLog(tr("Run details: %1").arg(QString::fromStdString(e.what())));
    }
}

bool RunWorkflow::showResults(const QString& runId) {
    try {
        RunResults results = controller_.runResults(runId);
        switch (results.view) {
        case RunResults::View::None: return false;
        case RunResults::View::Circuit: {
            bool chosen = true;
            const QString pattern =
                results.patterns.size() == 1
                    ? results.patterns.first()
                    : QInputDialog::getItem(&window_, tr("Circuit"), tr("Pattern:"), results.patterns, 0, false, &chosen);
            if (chosen && !pattern.isEmpty())
                window_.showCircuit(tr("Run #%1: %2").arg(runId, pattern),
                                    controller_.runCircuit(runId, pattern, kCircuitBudget));
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
    } catch (const std::exception& e) {  // also SQLite's, from a damaged file
        window_.appendLog(tr("Run results: %1").arg(QString::fromStdString(e.what())));
    }
    return true;
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

QString RunWorkflow::selectedRun() const {
    const RunMonitor* monitor = window_.runMonitor();
    const QModelIndexList rows = monitor->table()->selectionModel()->selectedRows();
    const RunStatus* run = rows.isEmpty() ? nullptr : monitor->model()->runAt(rows.first().row());
    return run ? run->id : QString();
}

void RunWorkflow::clear() {
    window_.runMonitor()->model()->clear();
    eta_.clear();
    refreshChart();
}

void RunWorkflow::runUpdated(const RunUpdate& update) {
    RunStatus row{update.id, update.name, update.state, update.progress, -1};
    if (update.state == RunStatus::State::Running)
        row.etaSeconds = eta_.update(update.id, update.progress, double(clock_.elapsed()) / 1000.0);
    else if (!row.isActive())
        eta_.forget(update.id);
    window_.runMonitor()->model()->upsertRun(row);
    if (update.id == selectedRun() && (update.hasMetrics || !row.isActive()) && !chartRefresh_.isActive())
        chartRefresh_.start();
}

void RunWorkflow::refreshChart() {
    MetricChart* chart = window_.metricChart();
    const QString runId = selectedRun();
    if (runId.isEmpty()) {
        chart->setMetricNames({});
        chart->setPoints(QString(), {});
        return;
    }
    try {
        chart->setMetricNames(controller_.runDetails(runId).metricNames);
        const QString metric = chart->currentMetric();
        chart->setPoints(metric.isEmpty() ? QString() : tr("Run #%1: %2").arg(runId, metric),
                         metric.isEmpty() ? QVector<QPointF>() : controller_.metricSeries(runId, metric));
    } catch (const std::exception& e) {
        window_.appendLog(tr("Metric chart: %1").arg(QString::fromStdString(e.what())));
    }
}

}  // namespace redit::gui
