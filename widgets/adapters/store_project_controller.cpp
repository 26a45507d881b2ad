#include "adapters/store_project_controller.h"

#include <QFileInfo>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <filesystem>
#include <set>

#include "jobs/job_queue.h"
#include "jobs/run_request.h"
#include "jobs/stage_registry.h"
#include "store/store_error.h"
#include "adapters/project_contents_reader.h"
#include "adapters/project_views.h"
#include "store/metrics.h"
#include "store/models.h"
#include "store/runs.h"
#include "util/error.h"

namespace redit::gui {
namespace {

QString q(const std::string& text) { return QString::fromStdString(text); }

qint64 parseRunId(const QString& runId) {
    bool ok = false;
    const qint64 id = runId.toLongLong(&ok);
    if (!ok || id <= 0) throw ConfigError("'" + runId.toStdString() + "' is not a run id");
    return id;
}

MonitoredRun::State monitorState(redit::RunStatus status) {
    switch (status) {
    case redit::RunStatus::Pending: return MonitoredRun::State::Queued;
    case redit::RunStatus::Running: return MonitoredRun::State::Running;
    case redit::RunStatus::Finished: return MonitoredRun::State::Finished;
    case redit::RunStatus::Cancelled: return MonitoredRun::State::Cancelled;
    case redit::RunStatus::Failed:
    case redit::RunStatus::Interrupted: return MonitoredRun::State::Failed;
    }
    return MonitoredRun::State::Failed;
}

// Copies the project with VACUUM INTO (a consistent snapshot even while a run writes) into a temporary file
// beside `target`, then renames it over `target`, so a failed copy never leaves a half-written project.
void copyProject(const ProjectStore& store, const std::string& target) {
    const std::string partial = target + ".part";
    std::error_code ec;
    std::filesystem::remove(partial, ec);
    try {
        SQLite::Statement vacuum(store.db(), "VACUUM INTO ?");
        vacuum.bind(1, partial);
        vacuum.exec();
    } catch (const SQLite::Exception& e) {
        std::filesystem::remove(partial, ec);
        throw FileError(target, std::string("cannot be written: ") + e.what());
    }
    std::filesystem::rename(partial, target, ec);
    if (ec) {
        std::filesystem::remove(partial, ec);
        throw FileError(target, "cannot be written: " + ec.message());
    }
}

// The explorer's lists; a file damaged where they are stored is a FileError instead of SQLite's exception.
ProjectContents readContents(const ProjectStore& store) {
    try {
        return readProjectContents(store);
    } catch (const SQLite::Exception& e) {
        throw FileError(store.path(), std::string("cannot be read: ") + e.what());
    }
}

}  // namespace

StoreProjectController::StoreProjectController(const StageRegistry& registry, DemoProjectPaths demo, QObject* parent)
    : RunController(parent), registry_(registry), demo_(std::move(demo)) {}

StoreProjectController::~StoreProjectController() { closeProject(); }

ProjectContents StoreProjectController::newProject(const QString& path) {
    return use(ProjectStore::create(path.toStdString()));
}

ProjectContents StoreProjectController::openProject(const QString& path) {
    try {
        return use(ProjectStore::open(path.toStdString()));
    } catch (const ReadOnlyProjectError&) {
        // Browsing needs no writes; starting a run will say why it cannot.
        ProjectContents contents = use(ProjectStore::open(path.toStdString(), ProjectStore::Mode::ReadOnly));
        emit message(tr("%1 is read-only: opened for browsing, runs cannot be started").arg(path));
        return contents;
    }
}

ProjectContents StoreProjectController::openDemoProject() {
    QStringList notes;
    ProjectStore store = openOrCreateDemoProject(demo_, notes);
    ProjectContents contents = use(std::move(store));
    for (const QString& note : notes) emit message(note);
    return contents;
}

ProjectContents StoreProjectController::saveProjectAs(const QString& path) {
    const ProjectStore& store = openStore();
    if (activeRunCount() > 0)
        throw ConfigError(tr("%n run(s) are still queued or running; wait for them or cancel them first", nullptr,
                             activeRunCount())
                              .toStdString());
    if (QFileInfo(path).absoluteFilePath() == QFileInfo(q(store.path())).absoluteFilePath())
        throw FileError(path.toStdString(), "is the open project itself; choose another file");
    copyProject(store, path.toStdString());
    return openProject(path);
}

void StoreProjectController::closeProject() {
    queue_.reset();  // cancels the running job and waits for it
    store_.reset();
    runs_.clear();
    ++generation_;
}

int StoreProjectController::activeRunCount() const {
    int active = 0;
    for (const RunUpdate& run : runs_)
        if (run.state == MonitoredRun::State::Queued || run.state == MonitoredRun::State::Running) ++active;
    return active;
}

void StoreProjectController::cancelRun(const QString& runId) {
    const qint64 id = parseRunId(runId);
    if (runs_.contains(id) && queue_) {
        queue_->cancel(id);
        return;
    }
    requestCancel(openStore(), id);  // a run of another session or process
}

ProjectContents StoreProjectController::use(ProjectStore store) {
    // Damage deep inside the file shows only when its tables are read: the project that was open stays open.
    const ProjectContents contents = readContents(store);
    closeProject();
    store_.emplace(std::move(store));
    const int generation = generation_;
    JobQueue::Callbacks callbacks;
    // Both arrive on the queue's worker thread; the work is done on the GUI thread.
    callbacks.stateChanged = [this, generation](std::int64_t runId, redit::RunStatus status, const std::string& error) {
        QMetaObject::invokeMethod(
            this, [this, runId, generation, status, text = q(error)] { stateChanged(runId, generation, status, text); },
            Qt::QueuedConnection);
    };
    callbacks.progress = [this, generation](std::int64_t runId, const Progress& progress) {
        QMetaObject::invokeMethod(
            this,
            [this, runId, generation, fraction = progress.fraction, text = q(progress.message),
             hasMetrics = !progress.metrics.empty()] { progressed(runId, generation, fraction, text, hasMetrics); },
            Qt::QueuedConnection);
    };
    queue_ = std::make_unique<JobQueue>(store_->path(), registry_, std::move(callbacks));
    return contents;
}

const ProjectStore& StoreProjectController::openStore() const {
    if (!store_) throw ConfigError(tr("No project is open").toStdString());
    return *store_;
}

ProjectStore& StoreProjectController::openStore() {
    if (!store_) throw ConfigError(tr("No project is open").toStdString());
    return *store_;
}

void StoreProjectController::stateChanged(qint64 runId, int generation, redit::RunStatus status, const QString& error) {
    if (generation != generation_ || !runs_.contains(runId)) return;
    RunUpdate& run = runs_[runId];
    run.state = monitorState(status);
    if (status == redit::RunStatus::Finished) run.progress = 1;
    if (!error.isEmpty()) run.message = error;
    run.hasMetrics = false;
    emit runUpdated(run);
    const bool ended = status != redit::RunStatus::Pending && status != redit::RunStatus::Running;
    if (ended) {
        emit message(error.isEmpty() ? tr("Run %1 %2").arg(run.name, runStateName(run.state))
                                     : tr("Run %1 failed: %2").arg(run.name, error));
        try {
            emit projectChanged(readContents(*store_));
        } catch (const Error& e) {
            emit message(QString::fromStdString(e.what()));
        }
    }
}

void StoreProjectController::progressed(qint64 runId, int generation, double fraction, const QString& text,
                                        bool hasMetrics) {
    if (generation != generation_ || !runs_.contains(runId)) return;
    RunUpdate& run = runs_[runId];
    if (run.state == MonitoredRun::State::Queued) run.state = MonitoredRun::State::Running;
    run.progress = fraction;
    run.message = text;
    run.hasMetrics = hasMetrics;
    emit runUpdated(run);
}

QString StoreProjectController::projectPath() const { return QString::fromStdString(openStore().path()); }

void StoreProjectController::reloadProject() {
    if (store_) emit projectChanged(readContents(*store_));
}

std::vector<std::string> StoreProjectController::stageKinds() const { return registry_.kinds(); }

const StageInfo& StoreProjectController::stage(const std::string& kind) const { return registry_.get(kind); }

QList<ProjectInput> StoreProjectController::models() const {
    QList<ProjectInput> models;
    for (const ModelRecord& model : listModels(openStore()))
        models.push_back({model.id, QStringLiteral("%1 (%2)").arg(q(model.name), q(model.path)), q(model.path), q(model.name)});
    return models;
}

QList<ProjectInput> StoreProjectController::datasets() const {
    QList<ProjectInput> datasets;
    for (const DatasetRecord& dataset : listDatasets(openStore())) {
        const bool hasSpec = dataset.spec.is_object() && dataset.spec.contains("spec") && dataset.spec["spec"].is_string();
        const QString spec = hasSpec ? q(dataset.spec["spec"].get<std::string>()) : q(dataset.name);
        datasets.push_back({dataset.id, q(dataset.name), spec, q(dataset.name)});
    }
    return datasets;
}

QString StoreProjectController::launchRun(const nlohmann::json& request) {
    ProjectStore& store = openStore();
    const std::int64_t id = submitRun(store, registry_, request);
    const RunRecord record = loadRun(store, id);
    RunUpdate run;
    run.id = QString::number(id);
    run.name = q(record.name.empty() ? record.kind + " #" + std::to_string(id) : record.name);
    runs_.insert(id, run);
    emit runUpdated(run);
    queue_->enqueue(id);
    emit message(tr("Queued run %1 (%2)").arg(run.name, q(record.kind)));
    emit projectChanged(readContents(store));
    return run.id;
}

RunDetails StoreProjectController::runDetails(const QString& runId) const {
    const ProjectStore& store = openStore();
    const RunRecord run = loadRun(store, parseRunId(runId));
    auto inputName = [](const auto& records, const std::optional<std::int64_t>& id) {
        if (!id) return QStringLiteral("–");
        for (const auto& record : records)
            if (record.id == *id) return QStringLiteral("%1 (#%2)").arg(q(record.name)).arg(*id);
        return QStringLiteral("#%1").arg(*id);
    };
    RunDetails details;
    details.id = runId;
    details.title = runLabel(run.id, q(run.name.empty() ? run.kind : run.name), q(toString(run.status)));
    details.config = run.config;
    details.ended = run.status == redit::RunStatus::Finished || run.status == redit::RunStatus::Failed ||
                    run.status == redit::RunStatus::Cancelled;
    details.provenance = {
        {tr("Kind"), q(run.kind)},
        {tr("Status"), q(toString(run.status))},
        {tr("Model"), inputName(listModels(store), run.modelId)},
        {tr("Dataset"), inputName(listDatasets(store), run.datasetId)},
        {tr("Seed"), QString::number(run.seed)},
        {tr("Device"), q(run.device)},
        {tr("Code version"), q(run.codeVersion)},
        {tr("Library versions"), q(run.libraryVersions.dump())},
        {tr("Created"), q(run.createdAt)},
        {tr("Started"), q(run.startedAt)},
        {tr("Finished"), q(run.finishedAt)},
        {tr("Elapsed"), tr("%1 s").arg(run.elapsedSeconds, 0, 'f', 1)},
        {tr("Progress"), QStringLiteral("%1% %2").arg(qRound(run.progress * 100)).arg(q(run.progressMessage))},
    };
    if (!run.error.empty()) details.provenance.push_back({tr("Error"), q(run.error)});
    for (const LogLine& line : runLog(store, run.id))
        details.log << QStringLiteral("%1 %2 %3").arg(q(line.at), q(line.level), q(line.message));
    std::set<std::string> names;
    for (const MetricPoint& point : runMetrics(store, run.id)) names.insert(point.name);
    for (const std::string& name : names) details.metricNames << q(name);
    return details;
}

QVector<QPointF> StoreProjectController::metricSeries(const QString& runId, const QString& metric) const {
    QVector<QPointF> points;
    for (const MetricPoint& point : redit::metricSeries(openStore(), parseRunId(runId), metric.toStdString()))
        points.push_back(QPointF(double(point.step), point.value));
    return points;
}

std::function<RunResults()> StoreProjectController::runResultsReader(const QString& runId) const {
    return [path = openStore().path(), id = parseRunId(runId)] {
        return loadRunResults(ProjectStore::open(path, ProjectStore::Mode::ReadOnly), id);
    };
}

std::function<ProjectEditResults()> StoreProjectController::projectResultsReader() const {
    return [path = openStore().path()] {
        return loadProjectEditResults(ProjectStore::open(path, ProjectStore::Mode::ReadOnly));
    };
}

std::function<DrawnCircuit()> StoreProjectController::runCircuitReader(const QString& runId, const QString& pattern,
                                                                       double budget) const {
    return [path = openStore().path(), id = parseRunId(runId), pattern = pattern.toStdString(), budget] {
        return loadRunCircuit(ProjectStore::open(path, ProjectStore::Mode::ReadOnly), id, pattern, budget);
    };
}

CircuitComparison StoreProjectController::compareCircuits(const QString& runA, const QString& patternA,
                                                         const QString& runB, const QString& patternB,
                                                         double budget) const {
    return loadCircuitComparison(openStore(), parseRunId(runA), patternA.toStdString(), parseRunId(runB),
                                 patternB.toStdString(), budget);
}

QStringList StoreProjectController::runLabels() const { return readProjectContents(openStore()).runs; }

QList<RunUpdate> StoreProjectController::projectRuns() const {
    QList<RunUpdate> runs;
    for (const RunRecord& record : listRuns(openStore())) {
        if (runs_.contains(record.id)) {  // a run of this session: its live state
            runs.push_back(runs_.value(record.id));
            continue;
        }
        RunUpdate run;
        run.id = QString::number(record.id);
        run.name = q(record.name.empty() ? record.kind + " #" + std::to_string(record.id) : record.name);
        run.state = monitorState(record.status);
        run.progress = record.status == redit::RunStatus::Finished ? 1.0 : record.progress;
        run.message = q(record.error.empty() ? record.progressMessage : record.error);
        runs.push_back(run);
    }
    return runs;
}

QList<FinishedRunTime> StoreProjectController::finishedRunTimes() const {
    QList<FinishedRunTime> runs;
    if (!store_) return runs;
    for (const RunRecord& record : listRuns(*store_)) {
        if (record.status != redit::RunStatus::Finished) continue;
        const nlohmann::json params = record.config.value("params", nlohmann::json::object());
        auto param = [&](const char* name) {
            return params.is_object() && params.contains(name) && params[name].is_string() ? q(params[name].get<std::string>())
                                                                                             : QString();
        };
        runs.push_back({record.id, q(record.kind), param("model"), param("data"), record.elapsedSeconds});
    }
    return runs;
}

}  // namespace redit::gui
