#pragma once
#include <cstdint>

#include "jobs/cancel_token.h"
#include "jobs/job.h"
#include "store/run_status.h"

namespace redit {

class ProjectStore;
class StageRegistry;

// Runs a pending run, or resumes an interrupted, failed or cancelled one, to its end on the calling thread
// and returns how it ended (finished, failed or cancelled). The job's exceptions become a failed run with
// the message kept in the run's error and log; the run's time is added to its elapsed time.
// ConfigError, before anything changes, for a run that is running or finished or whose kind has no stage.
RunStatus executeRun(ProjectStore& store, const StageRegistry& registry, std::int64_t runId,
                     const CancelToken& token, const ProgressSink& sink = {});

}  // namespace redit
