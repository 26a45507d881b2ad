#pragma once
// `redit pipeline --processes N`: the chunks of a compare run side by side in N child processes. On a small
// model one chunk cannot keep two cores busy (per-operation overhead dominates, docs/performance.md), so
// independent chunks run in parallel instead, one thread each by default. A child (`redit compare-chunk`)
// opens the project, runs its one chunk and commits it exactly as the job would; the parent's job, the run's
// owner throughout, then finds the chunks committed and writes the summary.
#include <cstdint>
#include <string>

#include "stages/compare_stage.h"

namespace redit {
class CancelToken;
class ProjectStore;
}  // namespace redit

namespace redit::stages {

struct ChunkProcessOptions {
    std::string program;  // the `redit` executable
    int processes = 2;
    int threadsPerProcess = 1;
};

// The farm: `program compare-chunk --project P --run R --chunk NAME --threads T --parent PID` per chunk, at
// most `processes` at a time, in the order given. Reports the run's progress as chunks end. A child that
// fails is named in the run's log with its output (kept in <project>.logs/); its chunk is left to the job.
// When the run is cancelled, stops the children and throws JobCancelled.
ChunkFarm chunkProcesses(ChunkProcessOptions options);

// The child's side: runs one chunk of compare run `runId`, leaving the run's status and progress to the
// parent. ConfigError for a run that is not a compare run or has no such chunk.
void runCompareChunk(ProjectStore& store, std::int64_t runId, const std::string& chunkName, const CancelToken& token);

}  // namespace redit::stages
