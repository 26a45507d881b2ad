#pragma once
// How the law pipeline's steps record themselves in a project: one finished run per step.
#include <cstdint>
#include <functional>
#include <string>

#include "store/runs.h"

namespace redit {
class ProjectStore;
}

namespace redit::pipeline {

// Creates the run, marks it running, calls write(runId) in one transaction and marks the run finished; a
// failure marks it failed with the message and rethrows.
int64_t recordRun(ProjectStore& store, const NewRun& run, const std::function<void(int64_t runId)>& write);

// The id of the newest finished run of `kind`; ConfigError naming `command`, the command that makes one,
// when there is none.
int64_t latestFinishedRun(const ProjectStore& store, const std::string& kind, const std::string& command);

// A finished run of `kind` with this id; ConfigError otherwise.
RunRecord finishedRunOfKind(const ProjectStore& store, int64_t runId, const std::string& kind);

}  // namespace redit::pipeline
