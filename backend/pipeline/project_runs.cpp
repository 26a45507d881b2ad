#include "pipeline/project_runs.h"

#include "store/project_store.h"
#include "store/transaction.h"
#include "util/error.h"

namespace redit::pipeline {

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

}  // namespace redit::pipeline
