#pragma once
// The value a locate-then-edit method writes into an MLP (ROME's v*): a vector delta added to the MLP output
// of one layer at the prompts' last token is optimised with Adam so that the model produces the target
// answer; v* = (mean MLP output at that position) + delta.
#include <ATen/ATen.h>
#include <cstdint>
#include <vector>

#include "model/answer_training.h"
#include "model/decoder.h"

namespace redit {

struct ValueOptimizationOptions {
    int64_t steps = 25;
    double learningRate = 0.5;
    // As in ROME: loss = mean NLL(target) + weightDecay * |delta|^2 / |v0|^2, and after each step delta is
    // clamped to a norm of at most clampNormFactor * |v0|, so the written value stays near the model's scale.
    double weightDecay = 0.5;
    double clampNormFactor = 4.0;
};

struct TargetValue {
    at::Tensor initial;  // [hidden] mean MLP output at the last token (v0)
    at::Tensor value;    // [hidden] v* = v0 + delta, in the model's dtype
    double initialLoss = 0;  // mean NLL of the target answers before (delta = 0) and with the optimised delta
    double finalLoss = 0;
};

// The model is not changed. Throws ConfigError for no prompts, an empty prompt, a layer or answer out of
// range, steps < 0 or a clamp factor <= 0. ROME's KL term on unrelated "essence" prompts is not included.
TargetValue optimizeTargetValue(const DecoderModel& model, int64_t layer, const std::vector<AnswerExample>& prompts,
                                const ValueOptimizationOptions& options, int64_t padId);

// Mean negative log-likelihood of each prompt's answer token at its last position (no gradient).
double answerNll(const DecoderModel& model, const std::vector<AnswerExample>& prompts, int64_t padId);

}  // namespace redit
