#pragma once
// `redit pipeline --processes N`: the chunks of a compare run side by side in N child processes. On a small
// model one chunk cannot keep two cores busy (per-operation overhead dominates, docs/performance.md), so
// independent chunks run in parallel instead, one thread each by default. A child (`redit compare-chunk`)
// opens the project, runs its one chunk and commits it exactly as the job would; the parent's job, the run's
// owner throughout, then finds the chunks committed and writes the summary.
#include <cstdint>
#include <functional>
#include <string>

#include "stages/chunk_process_options.h"
#include "stages/compare_stage.h"

namespace redit {
class CancelToken;
class ProjectStore;
}  // namespace redit

namespace redit::stages {

// The farm: `program compare-chunk --project P --run R --chunk NAME --threads T --parent PID` per chunk, at
// most `processes` at a time, in the order given. Reports the run's progress as chunks end. A child that
// fails is named in the run's log with its output (kept in <project>.logs/); its chunk is left to the job,
// unless it ended with kExitInputError (util/exit_status.h), an error in the chunk's own inputs that the job
// would meet again: then the other children are stopped and an Error with the child's message fails the run. When the run is cancelled, stops the children and throws JobCancelled.
ChunkFarm chunkProcesses(ChunkProcessOptions options);

// A farm whose options are asked for each time a run hands out its chunks, so a setting changed between runs
// (the workbench's "side-by-side processes") applies to the next run. Options with at most one process hand
// out nothing: the job then runs every chunk itself, in turn.
ChunkFarm chunkProcessesAsConfigured(std::function<ChunkProcessOptions()> current);

// The child's side: runs one chunk of compare run `runId`, leaving the run's status and progress to the
// parent. ConfigError for a run that is not a compare run or has no such chunk.
void runCompareChunk(ProjectStore& store, std::int64_t runId, const std::string& chunkName, const CancelToken& token);

}  // namespace redit::stages
