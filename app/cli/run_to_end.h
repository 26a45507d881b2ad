#pragma once
// Running a job-engine run from the CLI: every command that computes something in a project (run, reshape,
// circuits, distances, interference, law) submits a run request and runs it here, so the CLI and the GUI
// execute the same stage with the same defaults and config keys.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "store/run_status.h"

namespace redit {
class ProjectStore;
}

namespace redit::cli {

// Runs a pending (or interrupted) run to its end with a progress bar labelled `label`; `redit runs cancel`
// from another shell stops it through the project. Error with the run's message when it failed.
RunStatus runToEnd(ProjectStore& store, std::int64_t runId, const std::string& label);

// submitRun(request) against the built-in stages, then runToEnd; the finished run's id. Error when the run
// does not finish (failed or cancelled).
std::int64_t submitAndRun(ProjectStore& store, const nlohmann::json& request, const std::string& label);

}  // namespace redit::cli
