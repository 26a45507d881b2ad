#pragma once
#include <string>
#include <vector>

#include "sweep/slurm_jobs.h"
#include "sweep/sweep_cells.h"

namespace redit {

struct SweepSpec;

// One cell as `redit sweep status` shows it: what its project says, what Slurm says, and the summary.
struct CellStatus {
    CellState cell;
    SlurmTaskState slurm;
    std::string summary;  // done, running, pending or failed
};

struct SweepStatus {
    std::vector<CellStatus> cells;
    std::vector<std::string> notes;  // what could not be asked (squeue or sacct missing or refusing)
};

// Queued or running in Slurm decides; otherwise the cell's own project does, unless its task has ended in
// Slurm while the project still says it runs or waits (a task killed before it could record that), or it
// never started: then the cell failed.
std::string cellSummary(const CellState& cell, const std::string& slurmState);

SweepStatus sweepStatus(const SweepSpec& spec);

}  // namespace redit
