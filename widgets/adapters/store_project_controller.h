#pragma once
#include <QHash>
#include <memory>
#include <optional>

#include "adapters/demo_project.h"
#include "adapters/project_controller.h"
#include "adapters/run_controller.h"
#include "store/project_store.h"
#include "store/run_status.h"

namespace redit {
class JobQueue;
class StageRegistry;
}  // namespace redit

namespace redit::gui {

// The workbench's controller: File actions on a .redit project through ProjectStore, and runs through a
// JobQueue of the open project (one run at a time on a worker thread; its callbacks are forwarded to the
// GUI thread). Used from the GUI thread only.
class StoreProjectController : public RunController, public ProjectController {
    Q_OBJECT
public:
    StoreProjectController(const StageRegistry& registry, DemoProjectPaths demo, QObject* parent = nullptr);
    // Stops the running job (it ends as cancelled) and leaves queued runs pending in the project.
    ~StoreProjectController() override;

    ProjectContents newProject(const QString& path) override;
    ProjectContents openProject(const QString& path) override;
    ProjectContents openDemoProject() override;
    ProjectContents saveProjectAs(const QString& path) override;
    void closeProject() override;
    void cancelRun(const QString& runId) override;

    std::vector<std::string> stageKinds() const override;
    const StageRegistry& stageRegistry() const override { return registry_; }
    const StageInfo& stage(const std::string& kind) const override;
    QList<ProjectInput> models() const override;
    QList<ProjectInput> datasets() const override;
    QString launchRun(const nlohmann::json& request) override;
    RunDetails runDetails(const QString& runId) const override;
    QVector<QPointF> metricSeries(const QString& runId, const QString& metric) const override;
    std::function<RunResults()> runResultsReader(const QString& runId) const override;
    std::function<ProjectEditResults()> projectResultsReader() const override;
    std::function<DrawnCircuit()> runCircuitReader(const QString& runId, const QString& pattern,
                                                   double budget) const override;
    CircuitComparison compareCircuits(const QString& runA, const QString& patternA, const QString& runB,
                                      const QString& patternB, double budget) const override;
    QStringList runLabels() const override;
    QList<RunUpdate> projectRuns() const override;
    QList<FinishedRunTime> finishedRunTimes() const override;
    void reloadProject() override;
    QString projectPath() const override;

    bool isOpen() const { return store_.has_value(); }
    // Runs queued or running in this session.
    int activeRunCount() const;

private:
    ProjectContents use(ProjectStore store);
    const ProjectStore& openStore() const;  // ConfigError when no project is open
    ProjectStore& openStore();
    // Called on the GUI thread with what the queue reported on its worker thread.
    void stateChanged(qint64 runId, int generation, redit::RunStatus status, const QString& error);
    void progressed(qint64 runId, int generation, double fraction, const QString& message, bool hasMetrics);

    const StageRegistry& registry_;
    DemoProjectPaths demo_;
    std::optional<ProjectStore> store_;
    std::unique_ptr<JobQueue> queue_;
    int generation_ = 0;  // counts opened projects, so late callbacks of a closed one are dropped
    QHash<qint64, RunUpdate> runs_;
};

}  // namespace redit::gui
