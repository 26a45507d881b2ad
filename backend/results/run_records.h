#pragma once
// How the law pipeline's steps record themselves in a project: one finished run per step.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "store/runs.h"

namespace redit {
class ProjectStore;
}

namespace redit::results {

// Creates the run, marks it running, calls write(runId) in one transaction and marks the run finished; a
// failure marks it failed with the message and rethrows.
int64_t recordRun(ProjectStore& store, const NewRun& run, const std::function<void(int64_t runId)>& write);

// The id of the newest finished run of `kind`; ConfigError naming `command`, the command that makes one,
// when there is none.
int64_t latestFinishedRun(const ProjectStore& store, const std::string& kind, const std::string& command);

// Records the model (and dataset, when given) a run reads, for a run created without them; a finished run's
// provenance is frozen (ConfigError).
void setRunInputs(ProjectStore& store, int64_t runId, int64_t modelId, std::optional<int64_t> datasetId = std::nullopt);

// A finished run of `kind` with this id; ConfigError otherwise.
RunRecord finishedRunOfKind(const ProjectStore& store, int64_t runId, const std::string& kind);

// A run's input run (its lineage): the finished run of `kind` with id `runId`, or for 0 the newest finished
// one (ConfigError naming the `kind` command when there is none).
int64_t inputRun(const ProjectStore& store, int64_t runId, const std::string& kind);
// The input run a run names in its config under `field`: a job-engine run's params or an older run's
// top-level config; 0 or missing: the newest finished one of `kind`.
int64_t inputRunOf(const ProjectStore& store, const RunRecord& run, const std::string& field, const std::string& kind);

}  // namespace redit::results
