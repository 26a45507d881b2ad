#pragma once
#include <ATen/ATen.h>
#include <cstdint>
#include <vector>

#include "model/decoder.h"

namespace redit {

// Token ids [B, T] (int64) and mask [B, T] (1 real, 0 pad), left-padded so the last real token of every
// row is at position T - 1 (reading a pad position is a known bug of the reference code).
struct TokenBatch {
    at::Tensor ids;
    at::Tensor mask;
};

TokenBatch makeLeftPaddedBatch(const std::vector<std::vector<int32_t>>& sequences, int64_t padId,
                               at::Device device = at::kCPU);

// Index of the last real token of each row [B] (works for left and right padding).
at::Tensor lastRealPositions(const at::Tensor& mask);

// Logits of the candidate tokens at each row's last real position: [B, C], float32. No gradient.
at::Tensor candidateLogits(const DecoderModel& model, const TokenBatch& batch, const std::vector<int64_t>& candidates);

// Index (into `candidates`) of the highest-scoring candidate for each row.
std::vector<int64_t> predictCandidates(const DecoderModel& model, const TokenBatch& batch,
                                       const std::vector<int64_t>& candidates);

// Greedy decoding of up to maxNewTokens after the prompt; stops after emitting `eosId` (when >= 0).
// Recomputes the full prefix each step (no KV cache): meant for short answers.
std::vector<int32_t> greedyGenerate(const DecoderModel& model, const std::vector<int32_t>& prompt,
                                    int64_t maxNewTokens, int64_t eosId = -1);

}  // namespace redit
