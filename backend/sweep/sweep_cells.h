#pragma once
// The cells of a sweep on disk: each cell is one run in its own project file, <folder>/cells/K/cell.redit,
// so that no two processes (or Slurm tasks on different nodes) ever write the same SQLite file.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "jobs/cancel_token.h"
#include "jobs/job.h"
#include "store/run_status.h"

namespace redit {

class StageRegistry;
struct SweepCell;
struct SweepSpec;

std::string cellFolder(const SweepSpec& spec, int cell);
std::string cellProjectPath(const SweepSpec& spec, int cell);

// What the cell's project says about it.
struct CellState {
    int index = 0;
    bool started = false;            // its project exists and holds its run
    RunStatus status = RunStatus::Pending;
    double progress = 0;
    double elapsedSeconds = 0;
    std::string error;
    nlohmann::json origin = nlohmann::json::object();  // project_info "sweep_cell": sweep, values, Slurm job, node
};
CellState readCellState(const SweepSpec& spec, int cell);

// Where a cell runs: the Slurm job, array task and node from the environment Slurm gives the task (empty
// outside Slurm), and this host.
nlohmann::json cellEnvironment();

// Runs one cell to its end in its own project: creates the project and its run, or continues a run
// that stopped when `resume` is set (from its checkpoint: the job engine's resume; a run left "running"
// by a task killed on another node is taken over). A finished cell is left as it is. Error when the cell
// was started before and `resume` is not set, or when its project belongs to another sweep (the spec
// changed). The project records the sweep id, the cell's values and `cellEnvironment()`.
RunStatus runSweepCell(const SweepSpec& spec, const SweepCell& cell, const StageRegistry& registry, bool resume,
                       const CancelToken& token, const ProgressSink& sink = {});

}  // namespace redit
