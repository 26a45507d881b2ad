#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace redit {

struct SweepCell;

// What one cell is expected to need, and on what the figure rests (shown by `redit sweep plan` and used
// for sbatch's --mem and --time; docs/cluster.md).
struct CellEstimate {
    std::optional<std::int64_t> memoryBytes;
    std::string memoryBasis;   // how it was computed, or why it is unknown
    std::optional<double> seconds;
    std::string timeBasis;
};

// Memory: the model's architecture memory estimate (model/memory_estimate.h) for what the cell's stage does
// with it (inference for eval; training with gradients for the edits of interference, compare, reshape;
// the EAP budget for circuits) plus the LibTorch runtime; unknown for stages without a model.
// Time: no stage estimates its own duration, so it is the longest elapsed time of the sweep's finished
// cells (`finishedSeconds`) when there are any, and unknown otherwise.
CellEstimate estimateCell(const SweepCell& cell, const std::vector<double>& finishedSeconds);

// Resident memory of a CLI process with LibTorch loaded and a small model, before the model's own memory.
inline constexpr std::int64_t kRuntimeBytes = std::int64_t(512) << 20;

}  // namespace redit
