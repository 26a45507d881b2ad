#pragma once
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/circuit_comparison.h"
#include "models/circuit_graph.h"
#include "jobs/stage_registry.h"
#include "adapters/project_controller.h"
#include "adapters/project_edit_results.h"
#include "models/run_monitor_model.h"
#include "models/run_results.h"
#include "models/run_time_estimate.h"

namespace redit::gui {

// A change of one run of this session, delivered on the GUI thread.
struct RunUpdate {
    QString id;
    QString name;
    MonitoredRun::State state = MonitoredRun::State::Queued;
    double progress = 0;  // 0..1
    QString message;      // the progress message, or the error of a failed run
    bool hasMetrics = false;
};

// A model or dataset of the open project, as the run dialog offers it.
struct ProjectInput {
    qint64 id = 0;
    QString label;
    QString path;  // models: the model folder; datasets: the dataset spec
    QString name = {};  // as the project explorer lists it
};

// What the run details tab shows.
struct RunDetails {
    QString id;
    QString title;
    nlohmann::json config;
    QList<QPair<QString, QString>> provenance;  // label, value
    QStringList log;
    QStringList metricNames;
    bool ended = false;  // finished, failed or cancelled
};

// The window's Run actions call this; signals arrive on the GUI thread. Functions throw redit::Error with a
// readable message when they fail (ConfigError naming the field for a bad run config).
class RunController : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual std::vector<std::string> stageKinds() const = 0;
    // The stages the job engine runs (a sweep's spec is checked against them; may be used from any thread).
    virtual const StageRegistry& stageRegistry() const = 0;
    // The open project's file (ConfigError when none is open).
    virtual QString projectPath() const = 0;
    virtual const StageInfo& stage(const std::string& kind) const = 0;
    virtual QList<ProjectInput> models() const = 0;
    virtual QList<ProjectInput> datasets() const = 0;
    // Stores the run (validated against the stage's schema) and queues it; returns the run's id.
    virtual QString launchRun(const nlohmann::json& request) = 0;
    virtual RunDetails runDetails(const QString& runId) const = 0;
    // (step, value) points of one metric of a run, by step.
    virtual QVector<QPointF> metricSeries(const QString& runId, const QString& metric) const = 0;
    // Readers of a run's stored results: each call of the returned function opens its own read-only connection
    // to the project, so it may run on a worker thread (and throws there what the read fails with).
    // The analysis view of a finished circuits, distances, interference, law or compare run; View::None for others.
    virtual std::function<RunResults()> runResultsReader(const QString& runId) const = 0;
    // The editing results of every level of the project's finished compare runs (loadProjectEditResults).
    virtual std::function<ProjectEditResults()> projectResultsReader() const = 0;
    // One pattern's circuit of a circuits run at a budget (top fraction of the edges).
    virtual std::function<DrawnCircuit()> runCircuitReader(const QString& runId, const QString& pattern,
                                                           double budget) const = 0;
    // Pattern A of circuits run A against pattern B of circuits run B at a budget, with their distances.
    virtual CircuitComparison compareCircuits(const QString& runA, const QString& patternA, const QString& runB,
                                              const QString& patternB, double budget) const = 0;
    // The runs of the open project as the explorer labels them ("#7 name (status)"), oldest first.
    virtual QStringList runLabels() const = 0;
    // Every run stored in the open project with its stored state and progress, oldest first (the run monitor
    // lists them when a project opens).
    virtual QList<RunUpdate> projectRuns() const = 0;
    // The open project's finished runs with their model, dataset and wall time (New Run's time estimate).
    virtual QList<FinishedRunTime> finishedRunTimes() const = 0;
    // Reads the open project's contents again after another connection wrote to it (a collected sweep) and
    // emits projectChanged.
    virtual void reloadProject() = 0;

signals:
    void runUpdated(const redit::gui::RunUpdate& update);
    void projectChanged(const redit::gui::ProjectContents& contents);
    void message(const QString& text);
};

}  // namespace redit::gui
