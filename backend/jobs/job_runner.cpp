#include "jobs/job_runner.h"

#include <SQLiteCpp/Exception.h>

#include "jobs/job_context.h"
#include "jobs/stage_registry.h"
#include "store/project_store.h"
#include "store/runs.h"
#include "store/store_error.h"
#include "store/transaction.h"
#include "util/byte_format.h"
#include "util/error.h"
#include "util/process_memory.h"

namespace redit {

namespace {

RunStatus execute(ProjectStore& store, const StageRegistry& registry, std::int64_t runId, const CancelToken& token,
                  const ProgressSink& sink) {
    RunRecord run = loadRun(store, runId);
    if (run.status != RunStatus::Pending && !isResumable(run.status))
        throw ConfigError("run " + std::to_string(runId) + " is " + toString(run.status) + " and cannot be started");
    const StageInfo& stage = registry.get(run.kind);
    nlohmann::json params = stage.schema.apply(run.config.value("params", nlohmann::json::object()));
    std::unique_ptr<Job> job = stage.create();

    {
        WriteTransaction tx(store);
        setRunStatus(store, runId, RunStatus::Running);
        appendLog(store, runId, "info", run.status == RunStatus::Pending ? "started" : "resumed");
        tx.commit();
    }
    JobContext context(store, runId, params, run.seed, run.device, token, sink);
    RunStatus outcome = RunStatus::Finished;
    std::string error;
    try {
        job->run(context);
    } catch (const JobCancelled&) {
        outcome = RunStatus::Cancelled;
    } catch (const std::exception& e) {
        outcome = RunStatus::Failed;
        const bool storeFailed = dynamic_cast<const SQLite::Exception*>(&e) != nullptr;
        error = storeFailed ? projectFileError(store.path(), "cannot be written", e).what() : e.what();
    }
    WriteTransaction tx(store);
    context.creditRunTime();
    setRunStatus(store, runId, outcome, error);
    appendLog(store, runId, outcome == RunStatus::Failed ? "error" : "info",
              outcome == RunStatus::Failed ? "failed: " + error : std::string(toString(outcome)));
    // The process's peak, not the run's: a CLI process runs one run, so there they are the same.
    appendLog(store, runId, "info", "peak resident memory of the process so far: " + formatBytes(peakResidentBytes()));
    tx.commit();
    return outcome;
}

}  // namespace

RunStatus executeRun(ProjectStore& store, const StageRegistry& registry, std::int64_t runId,
                     const CancelToken& token, const ProgressSink& sink) {
    try {
        return execute(store, registry, runId, token, sink);
    } catch (const SQLite::Exception& e) {
        // The project could not record the run's start or end (a full disk, a read-only file): what was
        // committed stays, and the run, left running by a process that has ended, opens as interrupted.
        const FileError error = projectFileError(store.path(), "cannot be written", e);
        throw FileError(error.path(), error.problem() + "; run " + std::to_string(runId) +
                                          " keeps what it committed and can be resumed once the project can be written");
    }
}

}  // namespace redit
