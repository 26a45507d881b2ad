#pragma once
// Edge attribution patching (docs/circuits.md):
//   EAP(u -> v) = mean over examples of  sum over positions of < d metric(clean) / d in_v , out_u(corrupted) - out_u(clean) >
// for every edge of the edge-granularity graph at once, as one matrix product of activation differences
// [upstream x (positions * d)] and downstream-input gradients [(positions * d) x downstream].
// EAP-IG averages the gradients over m inputs on the straight line from the corrupted to the clean embedding
// (alpha = k / m, k = 1..m), so m = 1 evaluates them at the clean input, as EAP does.
#include <ATen/ATen.h>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "circuits/graph.h"
#include "model/decoder.h"
#include "model/scoring.h"

namespace redit {

enum class EapMetric {
    LogitDifference,        // logit of the clean answer minus logit of the corrupted answer (default)
    ProbabilityDifference,  // the same with probabilities
    KlDivergence,           // KL(p_corrupted || p): moving towards the corrupted output lowers it, like the others
};

// Clean and corrupted prompts: the same [B, T] shape and the same mask (pairs of equal length, left padded),
// the metric read at the last position. Answer ids: one per example; the corrupted answers are unused by KL.
struct EapBatch {
    TokenBatch clean;
    TokenBatch corrupted;
    std::vector<int64_t> cleanAnswers;
    std::vector<int64_t> corruptedAnswers;
};

struct EapOptions {
    EapMetric metric = EapMetric::LogitDifference;
    int64_t integratedGradientSteps = 0;  // 0: EAP; m >= 1: EAP-IG with m steps
    int64_t memoryBudgetBytes = 0;        // > 0: run as many examples at a time as fit (estimateEapBytes)
    std::function<void(int64_t done, int64_t total)> progress;  // examples scored so far
    std::function<bool()> cancelled;                            // checked before every pass; true stops
};

// Working memory of scoring `batch` examples of `length` tokens at once (weights not included): the clean
// forward and backward, both runs' upstream outputs and the two operands of the product.
int64_t estimateEapBytes(const ModelConfig& config, int64_t bytesPerValue, int64_t batch, int64_t length,
                         int64_t integratedGradientSteps);

// Dense scores [upstream x downstream] of the edge graph of the model (zero where u -> v is no edge), on the
// CPU, float64 for float64 models and float32 otherwise. Nullopt when cancelled. Throws ConfigError for
// inconsistent inputs (shapes, masks, token ids outside the vocabulary, answers per example) or when a single
// example does not fit the memory budget.
std::optional<at::Tensor> computeEapScores(const DecoderModel& model, const EapBatch& batch, const EapOptions& options = {});

// Boolean [upstream x downstream]: true where u -> v is an edge.
at::Tensor edgeValidityMask(const CircuitGraph& graph);

// The dense matrix as a flat vector in the graph's edge order, and back.
std::vector<double> edgeScoreVector(const CircuitGraph& graph, const at::Tensor& matrix);
at::Tensor edgeScoreMatrix(const CircuitGraph& graph, const std::vector<double>& scores);

}  // namespace redit
