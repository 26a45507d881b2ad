#pragma once
#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <functional>

#include "adapters/run_controller.h"
#include "export/report.h"
#include "models/run_eta.h"

class QProgressBar;

namespace redit::gui {

class MainWindow;
class RunComparisonView;
class RunConfigDialog;
class RunDetailsView;

// The window's side of runs: New Run and Clone and Edit open the run dialog, the controller's updates feed
// the run monitor (progress, ETA, state) and the metric chart of the selected run, and a run's details
// open in a tab (double-click in the run monitor or the project explorer) that follows the run while it is open.
class RunWorkflow : public QObject {
    Q_OBJECT
public:
    RunWorkflow(MainWindow& window, RunController& controller);

    // Opens the run dialog (modal); with a run id, filled with that run's config; with a preset (part of a run
    // config, e.g. {"model_id": 2} for a run launched from an explorer item), that part chosen.
    void newRun(const QString& cloneOf = {}, const nlohmann::json& preset = {});
    void showDetails(const QString& runId);
    // Opens the analysis view of a finished circuits, distances, interference, law or compare run (a circuits
    // run asks for the pattern), or the details of another run. The results are read on a worker thread; the
    // view opens when they arrive, a failed read is shown in a message box naming the run.
    void showResults(const QString& runId);
    // Opens the Results view of all the project's finished compare runs together (every level, each from its
    // newest run; the view's note says which), read on a worker thread like showResults.
    void showProjectResults();
    // Opens one pattern's circuit of a circuits run at a budget, read on a worker thread.
    void showCircuit(const QString& runId, const QString& pattern, double budget);
    // Whether a run's results are being read for a view.
    bool isLoading() const { return loading_ > 0; }
    // Opens pattern A of circuits run A against pattern B of circuits run B in a compare tab.
    void compareCircuits(const QString& runA, const QString& patternA, const QString& runB, const QString& patternB,
                         double budget);
    // Asks for two circuits (CircuitPairDialog) and opens them in a compare tab.
    void chooseCircuitComparison();
    // Asks for two runs (the first preselected when given) and opens them side by side.
    void compareRuns(const QString& first = {});
    RunComparisonView* showRunComparison(const QString& runA, const QString& runB);
    // Asks for the scope (the project or one run) and the file, then writes the report.
    void exportReport();
    // The report of one run (its details, the figures and tables of its open views) or, with no id, of the
    // project (every run, every open view).
    ReportContent reportContent(const QString& runId = {}) const;
    // The id of the run selected in the run monitor; empty when none.
    QString selectedRun() const;
    // Empties the monitor and chart (the runs belong to the project that was open).
    void clear();
    // Lists every run stored in the open project in the monitor, newest first, with its stored state.
    void loadProjectRuns();

signals:
    // The dialog is open (tests fill it in).
    void dialogOpened(redit::gui::RunConfigDialog* dialog);
    // New Run launched a sweep (its spec file).
    void sweepLaunched(const QString& spec);

private:
    // Runs `read` on a worker thread and `show` with its value on the GUI thread, unless the project changed
    // meanwhile; shows the busy indicator while reads are in flight. `subject` names what is read in the status
    // bar and in errors, e.g. "run #7".
    template <typename T>
    void readInBackground(const QString& subject, std::function<T()> read, std::function<void(T)> show);
    void openResults(const QString& runId, RunResults results);
    void setLoading(int change, const QString& subject);
    void runUpdated(const RunUpdate& update);
    void refreshChart();
    // The open details tab of a run; null when it has none.
    RunDetailsView* detailsTab(const QString& runId) const;
    void refreshDetails();

    MainWindow& window_;
    RunController& controller_;
    EtaEstimator eta_;
    QElapsedTimer clock_;
    QTimer chartRefresh_;  // coalesces the chart's reloads while a run reports quickly
    QTimer detailsRefresh_;  // likewise for the open details tabs of the runs in detailsToRefresh_
    QSet<QString> detailsToRefresh_;
    int loading_ = 0;  // reads in flight
    QProgressBar* busy_;  // in the status bar while reads are in flight
};

}  // namespace redit::gui
