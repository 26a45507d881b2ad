#include "jobs/job_runner.h"

#include <chrono>

#include "jobs/job_context.h"
#include "jobs/stage_registry.h"
#include "store/project_store.h"
#include "store/runs.h"
#include "store/transaction.h"
#include "util/byte_format.h"
#include "util/error.h"
#include "util/process_memory.h"

namespace redit {

RunStatus executeRun(ProjectStore& store, const StageRegistry& registry, std::int64_t runId,
                     const CancelToken& token, const ProgressSink& sink) {
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
    auto start = std::chrono::steady_clock::now();
    RunStatus outcome = RunStatus::Finished;
    std::string error;
    try {
        JobContext context(store, runId, params, run.seed, run.device, token, sink);
        job->run(context);
    } catch (const JobCancelled&) {
        outcome = RunStatus::Cancelled;
    } catch (const std::exception& e) {
        outcome = RunStatus::Failed;
        error = e.what();
    }
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;

    WriteTransaction tx(store);
    addRunTime(store, runId, elapsed.count());
    setRunStatus(store, runId, outcome, error);
    appendLog(store, runId, outcome == RunStatus::Failed ? "error" : "info",
              outcome == RunStatus::Failed ? "failed: " + error : std::string(toString(outcome)));
    // The process's peak, not the run's: a CLI process runs one run, so there they are the same.
    appendLog(store, runId, "info", "peak resident memory of the process so far: " + formatBytes(peakResidentBytes()));
    tx.commit();
    return outcome;
}

}  // namespace redit
