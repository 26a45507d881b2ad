#include "cli/run_to_end.h"

#include <iostream>

#include "cli/progress_bar.h"
#include "jobs/cancel_token.h"
#include "jobs/job_runner.h"
#include "jobs/run_request.h"
#include "jobs/stage_registry.h"
#include "store/project_store.h"
#include "store/runs.h"
#include "util/error.h"

namespace redit::cli {

RunStatus runToEnd(ProjectStore& store, std::int64_t runId, const std::string& label) {
    CancelToken token;  // `redit runs cancel` from another shell stops it through the project
    ProgressBar bar(label);
    std::string last;
    const RunStatus outcome = executeRun(store, globalStageRegistry(), runId, token, [&](std::int64_t, const Progress& p) {
        last = p.message;
        bar.update(p.fraction, p.message);
    });
    if (outcome == RunStatus::Finished) bar.finish(last);
    else std::cerr << '\n';
    if (outcome == RunStatus::Failed)
        throw Error(loadRun(store, runId).kind + " run " + std::to_string(runId) + " failed: " + loadRun(store, runId).error);
    return outcome;
}

std::int64_t submitAndRun(ProjectStore& store, const nlohmann::json& request, const std::string& label) {
    const std::int64_t runId = submitRun(store, globalStageRegistry(), request);
    const RunStatus outcome = runToEnd(store, runId, label);
    if (outcome != RunStatus::Finished)
        throw Error(loadRun(store, runId).kind + " run " + std::to_string(runId) + " " + toString(outcome) +
                    " (`redit runs resume` continues it)");
    return runId;
}

}  // namespace redit::cli
