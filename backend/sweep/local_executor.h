#pragma once
#include <functional>
#include <string>
#include <vector>

namespace redit {

struct SweepSpec;

struct LocalCellOutcome {
    int cell = 0;
    int exitCode = 0;   // of its `redit sweep run-cell` process (128 + N: signal N)
    std::string log;    // <folder>/local/cell-K.log
};

// The local executor: runs `program sweep run-cell SPEC --cell K --threads T [--resume]` for every cell, at
// most `processes` at a time, each process writing its own cell project and its output to its log.
// `report` hears a line whenever a cell starts or ends. Returns one outcome per cell, in cell order.
std::vector<LocalCellOutcome> runCellsLocally(const SweepSpec& spec, const std::vector<int>& cells, int processes,
                                              int threadsPerProcess, bool resume, const std::string& program,
                                              const std::function<void(const std::string&)>& report);

}  // namespace redit
