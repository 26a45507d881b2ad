#pragma once
#include "store/project_merge.h"

namespace redit {

class ProjectStore;
struct SweepSpec;

// Merges the finished cells of a sweep into the researcher's project (store/project_merge.h: one
// transaction, idempotent); each run's provenance is the cell's record: sweep id and name, cell, values,
// Slurm job, array task and node, host. Cells not finished are listed in the report's notMerged.
MergeReport collectSweep(const SweepSpec& spec, ProjectStore& target);

}  // namespace redit
