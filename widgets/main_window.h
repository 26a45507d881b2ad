#pragma once
#include <QMainWindow>
#include <functional>
#include <vector>

#include "models/analysis_data.h"
#include "models/circuit_graph.h"
#include "adapters/project_controller.h"
#include "adapters/workbench_settings.h"
#include "dialogs/about_dialog.h"

class QDockWidget;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QTabWidget;
class QTextBrowser;

namespace redit::gui {

class CircuitCompareView;
class CircuitPanel;
class DistanceHeatmap;
class InterferenceScatter;
class MetricChart;
class OverviewWorkflow;
class ProjectExplorer;
class ResultsView;
class RunController;
class RunMonitor;
class RunWorkflow;
class SweepMonitor;
class SweepWorkflow;

// The workbench's main window: File/View/Run/Help menus, the project explorer, run monitor and log docks (their
// layout is remembered), and central tabs: the project's overview (the page a project opens on), circuits,
// distance heatmaps, interference scatters and results.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    // The File actions call this controller (not owned); without one they say that no store is connected.
    void setProjectController(ProjectController* controller) { controller_ = controller; }
    // The Run actions, the run monitor and the metric chart use this controller (not owned).
    void setRunController(RunController* controller);
    void setCudaAvailable(bool available) { cudaAvailable_ = available; }
    // What Help > About says about the runtime (LibTorch, BLAS, device): the app knows it, the widgets link no
    // LibTorch.
    void setRuntimeSummary(const RuntimeSummary& runtime) { runtime_ = runtime; }
    // Help > Manual: the user guide (manualFile()) in a central tab; null, with a message box, when not found.
    QTextBrowser* showManual();

    ProjectExplorer* projectExplorer() const { return explorer_; }
    RunMonitor* runMonitor() const { return runMonitor_; }
    MetricChart* metricChart() const { return metricChart_; }
    RunWorkflow* runWorkflow() const { return runWorkflow_; }
    SweepMonitor* sweepMonitor() const { return sweepMonitor_; }
    SweepWorkflow* sweepWorkflow() const { return sweepWorkflow_; }
    OverviewWorkflow* overviewWorkflow() const { return overview_; }
    QTabWidget* tabs() const { return tabs_; }
    void appendLog(const QString& line);
    // A banner above the tabs, e.g. to label synthetic data; empty hides it.
    void setNotice(const QString& text);

    // Each opens a tab with this title, or reuses the one already open.
    CircuitPanel* showCircuit(const QString& title, DrawnCircuit graph);
    DistanceHeatmap* showDistances(const QString& title, PatternDistances distances);
    InterferenceScatter* showInterference(const QString& title, std::vector<InterferenceSet> sets);
    ResultsView* showResults(const QString& title, std::vector<EditResult> results);
    // Adds a page as a central tab and shows it (the Welcome tab goes).
    void addViewTab(QWidget* page, const QString& title);
    // The comparison tab with this title (empty when new); load() fills it.
    CircuitCompareView* comparisonTab(const QString& title);

    // The open project's file; empty when none is open.
    QString projectPath() const { return projectOpen_ ? projectPath_ : QString(); }

    static QStringList recentProjects();
    // Opens a .redit file through the controller; an error is shown in a message box. False when it failed.
    bool openProjectFile(const QString& path);
    bool openDemoProject();

signals:
    void projectOpened(const QString& folder);
    void projectClosed();
    // After projectOpened, when the project is the demo project.
    void demoProjectOpened();
    void settingsChanged(const redit::gui::WorkbenchSettings& settings);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createDocks();
    void createMenus();
    void rebuildRecentMenu();
    template <typename View> View* tabFor(const QString& title);

    void newProject();
    void openProject();
    void saveProjectAs();
    void closeProject();
    void cancelRun(const QString& runId);
    void runAction(const std::function<void(RunWorkflow&, const QString& selectedRun)>& action, bool needsSelection);
    void exportFigure();
    void exportReport();
    void showSettings();
    void showAbout();
    void resetLayout();
    void clearLog();
    // Runs a controller call; shows its error instead of throwing. Returns false when it failed.
    bool callController(const QString& what, const std::function<ProjectContents()>& call);
    void projectIsOpen(const ProjectContents& contents);

    // The Welcome tab is shown while no project (and no view) is open.
    void showWelcome(bool show);

    void restoreLayout();
    void saveLayout();

    ProjectController* controller_ = nullptr;
    bool cudaAvailable_ = false;
    RuntimeSummary runtime_;
    bool projectOpen_ = false;
    QString projectPath_;
    QByteArray defaultState_;
    QTabWidget* tabs_;
    QLabel* notice_;
    QLabel* welcome_;
    ProjectExplorer* explorer_ = nullptr;
    RunMonitor* runMonitor_ = nullptr;
    MetricChart* metricChart_ = nullptr;
    RunWorkflow* runWorkflow_ = nullptr;
    SweepMonitor* sweepMonitor_ = nullptr;
    QDockWidget* sweepsDock_ = nullptr;
    SweepWorkflow* sweepWorkflow_ = nullptr;
    OverviewWorkflow* overview_ = nullptr;
    QPlainTextEdit* log_ = nullptr;
    QMenu* recentMenu_ = nullptr;
};

}  // namespace redit::gui
