#pragma once
#include <string>
#include <vector>

namespace redit {

struct CellEstimate;
struct SlurmSite;
struct SweepCell;
struct SweepSpec;

// "0-7", "1,3,5-6": Slurm's --array list of cell indices (sorted, without repeats).
std::string arrayList(std::vector<int> cells);

// The sbatch script that runs `cells` of a sweep as one array job, one task per cell, each task
// `redit sweep run-cell SPEC --cell $SLURM_ARRAY_TASK_ID --resume` into the cell's own project
// (docs/cluster.md shows one). --mem is the largest estimate of the cells x the site's margin, --time the
// estimate x its margin (or the site's time), --gres=gpu:N when a cell's device is cuda.
std::string sbatchScript(const SweepSpec& spec, const std::vector<SweepCell>& cells,
                         const std::vector<CellEstimate>& estimates, const SlurmSite& site, const std::string& redit);

}  // namespace redit
