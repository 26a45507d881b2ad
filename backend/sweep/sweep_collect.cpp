#include "sweep/sweep_collect.h"

#include "store/run_status.h"
#include "sweep/sweep_cells.h"
#include "sweep/sweep_spec.h"

namespace redit {

MergeReport collectSweep(const SweepSpec& spec, ProjectStore& target) {
    std::vector<MergeSource> sources;
    std::vector<std::string> waiting;
    for (int cell = 0; cell < spec.cellCount(); ++cell) {
        const CellState state = readCellState(spec, cell);
        if (state.started && state.status == RunStatus::Finished)
            sources.push_back({cellProjectPath(spec, cell), state.origin});
        else
            waiting.push_back("cell " + std::to_string(cell) + " is " + (state.started ? toString(state.status) : "not started"));
    }
    MergeReport report = mergeProjects(target, sources);
    report.notMerged.insert(report.notMerged.end(), waiting.begin(), waiting.end());
    return report;
}

}  // namespace redit
