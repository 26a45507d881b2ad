#pragma once
// Keys of an MLP down-projection: its input silu(gate x) * up x, x the normed residual before the MLP. ROME
// and AlphaEdit treat the down-projection as a linear associative memory from these keys to MLP outputs.
#include <ATen/ATen.h>
#include <cstdint>
#include <vector>

#include "model/decoder.h"
#include "model/scoring.h"

namespace redit {

// Down-projection inputs of `layer` at every position: [B, T, intermediate]. No gradient.
// Throws ConfigError for a layer out of range.
at::Tensor downProjectionInputs(const DecoderModel& model, const TokenBatch& batch, int64_t layer);

// The same at each row's last real token: [B, intermediate].
at::Tensor lastTokenKeys(const DecoderModel& model, const TokenBatch& batch, int64_t layer);

// Sum of k k^T over every real token of the prompts and how many tokens that is, batched by `batchSize`.
// Accumulated in at least fp32. Throws ConfigError when there are no prompts or batchSize < 1.
struct KeyStatistics {
    at::Tensor gram;  // [intermediate, intermediate] = K K^T with the keys as columns
    int64_t count = 0;
};
KeyStatistics accumulateKeyStatistics(const DecoderModel& model, int64_t layer,
                                      const std::vector<std::vector<int32_t>>& prompts, int64_t padId,
                                      int64_t batchSize);

// E[k k^T] = K K^T / n over every real token of the prompts (the keys of `layer`), at least fp32: ROME's key
// covariance C, and the matrix whose small eigenvalues give AlphaEdit's null space. Expensive on large models:
// callers may store it per model and layer. Throws ConfigError when the prompts have no tokens.
at::Tensor keySecondMoment(const DecoderModel& model, int64_t layer, const std::vector<std::vector<int32_t>>& prompts,
                           int64_t padId, int64_t batchSize);

}  // namespace redit
