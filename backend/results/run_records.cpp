#include "results/run_records.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include "store/project_store.h"
#include "store/transaction.h"
#include "util/error.h"

namespace redit::results {

void setRunInputs(ProjectStore& store, int64_t runId, int64_t modelId, std::optional<int64_t> datasetId) {
    if (loadRun(store, runId).status == RunStatus::Finished)
        throw ConfigError("run " + std::to_string(runId) + " has finished: its provenance is frozen");
    SQLite::Statement s(store.db(), datasetId ? "UPDATE runs SET model_id = ?, dataset_id = ? WHERE id = ?"
                                              : "UPDATE runs SET model_id = ? WHERE id = ?");
    s.bind(1, modelId);
    if (datasetId) {
        s.bind(2, *datasetId);
        s.bind(3, runId);
    } else {
        s.bind(2, runId);
    }
    s.exec();
}

int64_t recordRun(ProjectStore& store, const NewRun& run, const std::function<void(int64_t runId)>& write) {
    const int64_t runId = createRun(store, run);
    setRunStatus(store, runId, RunStatus::Running);
    try {
        WriteTransaction tx(store);
        write(runId);
        tx.commit();
    } catch (const std::exception& e) {
        setRunStatus(store, runId, RunStatus::Failed, e.what());
        throw;
    }
    setRunStatus(store, runId, RunStatus::Finished);
    return runId;
}

int64_t latestFinishedRun(const ProjectStore& store, const std::string& kind, const std::string& command) {
    int64_t latest = 0;
    for (const RunRecord& run : listRuns(store))
        if (run.kind == kind && run.status == RunStatus::Finished && run.id > latest) latest = run.id;
    if (latest == 0)
        throw ConfigError(store.path() + " has no finished '" + kind + "' run (run `redit " + command + "` first)");
    return latest;
}

RunRecord finishedRunOfKind(const ProjectStore& store, int64_t runId, const std::string& kind) {
    RunRecord run = loadRun(store, runId);
    if (run.kind != kind || run.status != RunStatus::Finished)
        throw ConfigError("run " + std::to_string(runId) + " is not a finished '" + kind + "' run");
    return run;
}

int64_t inputRun(const ProjectStore& store, int64_t runId, const std::string& kind) {
    return runId > 0 ? finishedRunOfKind(store, runId, kind).id : latestFinishedRun(store, kind, kind);
}

int64_t inputRunOf(const ProjectStore& store, const RunRecord& run, const std::string& field, const std::string& kind) {
    int64_t id = 0;
    if (run.config.is_object()) {
        const auto params = run.config.find("params");
        id = params != run.config.end() && params->is_object() ? params->value(field, int64_t(0))
                                                               : run.config.value(field, int64_t(0));
    }
    return inputRun(store, id, kind);
}

}  // namespace redit::results
