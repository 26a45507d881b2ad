#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace redit {

class ProjectStore;

// One project whose finished runs are copied into another, with what is known about where they were computed
// (for a sweep cell: the sweep id, the cell's values, the Slurm job and node; docs/cluster.md).
struct MergeSource {
    std::string path;
    nlohmann::json provenance = nlohmann::json::object();
};

struct MergedRun {
    std::string source;
    std::int64_t sourceRunId = 0;
    std::int64_t targetRunId = 0;
    bool alreadyMerged = false;  // an earlier merge copied it; nothing was written
};

struct MergeReport {
    std::vector<MergedRun> runs;
    std::vector<std::string> notMerged;  // "FILE: run N is failed": runs that are not finished stay behind
};

// Copies the finished runs of every source into `target` with all their rows (log, metrics, checkpoints,
// result tables, circuits, distances, interference matrices, artifacts) and the models, datasets, patterns,
// instances, splits and graph specs they refer to; equal models, datasets, patterns, instances and graph
// specs are shared rather than copied twice. Run ids change: a run's params that name another run
// (`*_run` keys) are rewritten to the new ids. Every copied run gets a run_origins row (the source's
// project id and run id, the source's path and `provenance` plus the run's device), which makes merging
// idempotent: a run merged before is skipped. Everything happens in one transaction: on any error the
// target is left as it was. FileError for a source that cannot be read or is the target itself.
MergeReport mergeProjects(ProjectStore& target, const std::vector<MergeSource>& sources);

// Where a merged run came from: {"source": path, "source_run": id, "merged_at": time, ...its provenance};
// null for a run computed in this project.
nlohmann::json runOrigin(const ProjectStore& store, std::int64_t runId);

// The source paths of every run merged into `store` (its run_origins), as the merge was given them.
std::vector<std::string> mergedSourcePaths(const ProjectStore& store);

}  // namespace redit
