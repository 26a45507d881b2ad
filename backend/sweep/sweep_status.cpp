#include "sweep/sweep_status.h"

#include "sweep/sweep_spec.h"

namespace redit {

std::string cellSummary(const CellState& cell, const std::string& slurmState) {
    if (slurmState == "PENDING" || slurmState == "CONFIGURING" || slurmState == "REQUEUED") return "pending";
    if (slurmState == "RUNNING" || slurmState == "COMPLETING") return "running";
    const bool taskEnded = !slurmState.empty();
    if (!cell.started) return taskEnded ? "failed" : "pending";
    if (cell.status == RunStatus::Finished) return "done";
    if (cell.status == RunStatus::Running) return taskEnded ? "failed" : "running";
    if (cell.status == RunStatus::Pending) return taskEnded ? "failed" : "pending";
    return "failed";
}

SweepStatus sweepStatus(const SweepSpec& spec) {
    const SlurmView slurm = querySlurm(spec);
    SweepStatus status{{}, slurm.notes};
    for (int index = 0; index < spec.cellCount(); ++index) {
        CellStatus cell{readCellState(spec, index), {}, {}};
        if (auto task = slurm.cells.find(index); task != slurm.cells.end()) cell.slurm = task->second;
        cell.summary = cellSummary(cell.cell, cell.slurm.state);
        status.cells.push_back(std::move(cell));
    }
    return status;
}

}  // namespace redit
