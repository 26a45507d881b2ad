#include "edit/target_value.h"

#include <ATen/core/grad_mode.h>
#include <torch/csrc/autograd/autograd.h>

#include "model/optimizer.h"
#include "model/scoring.h"
#include "util/error.h"

namespace redit {

namespace {

struct PromptBatch {
    TokenBatch tokens;
    at::Tensor answers;  // [B]
};

PromptBatch makePromptBatch(const DecoderModel& model, const std::vector<AnswerExample>& prompts, int64_t padId) {
    if (prompts.empty()) throw ConfigError("no edit prompts");
    std::vector<std::vector<int32_t>> ids;
    std::vector<int64_t> answers;
    for (const auto& p : prompts) {
        if (p.prompt.empty()) throw ConfigError("an edit prompt is empty");
        if (p.answer < 0 || p.answer >= model.config().vocabSize)
            throw ConfigError("answer token " + std::to_string(p.answer) + " is outside the vocabulary");
        ids.push_back(p.prompt);
        answers.push_back(p.answer);
    }
    return {makeLeftPaddedBatch(ids, padId, model.device()), at::tensor(answers, at::kLong).to(model.device())};
}

// Left padding puts every last real token at position T - 1.
at::Tensor lastPositionNll(const at::Tensor& logits, const at::Tensor& answers) {
    return at::cross_entropy_loss(logits.select(1, -1).to(at::kFloat), answers);
}

}  // namespace

double answerNll(const DecoderModel& model, const std::vector<AnswerExample>& prompts, int64_t padId) {
    PromptBatch batch = makePromptBatch(model, prompts, padId);
    at::NoGradGuard noGrad;
    return lastPositionNll(model.forward(batch.tokens.ids, batch.tokens.mask, {}, false, LogitPositions::Last).logits, batch.answers)
        .item<double>();
}

TargetValue optimizeTargetValue(const DecoderModel& model, int64_t layer, const std::vector<AnswerExample>& prompts,
                                const ValueOptimizationOptions& options, int64_t padId) {
    if (layer < 0 || layer >= model.config().numLayers)
        throw ConfigError("edit layer " + std::to_string(layer) + " is out of range");
    if (options.steps < 0) throw ConfigError("value optimisation needs steps >= 0");
    if (options.clampNormFactor <= 0) throw ConfigError("value optimisation needs a positive clamp norm factor");
    PromptBatch batch = makePromptBatch(model, prompts, padId);
    const at::Tensor& ids = batch.tokens.ids;
    const at::Tensor& mask = batch.tokens.mask;
    const int64_t T = ids.size(1);
    const at::ScalarType type = at::promote_types(model.dtype(), at::kFloat);

    // delta changes only the MLP output of `layer`, so the stream after that layer is computed once (the same
    // pass gives v0, that MLP's output) and each step reruns only the layers above it, with logits at the last
    // position only (docs/editing.md).
    at::Tensor initial, streamAfterLayer;
    {
        at::NoGradGuard noGrad;
        at::Tensor mlpOutput;
        streamAfterLayer = model.runLayers(model.embed(ids), mask, 0, layer + 1, false, &mlpOutput);
        initial = mlpOutput.select(1, T - 1).to(type).mean(0);
    }
    const double initialNorm = std::max(initial.norm().item<double>(), 1e-12);
    at::Tensor delta = at::zeros({model.config().hiddenSize}, at::TensorOptions().dtype(type).device(model.device()))
                           .set_requires_grad(true);
    at::Tensor atLast = at::zeros({1, T, 1}, delta.options().requires_grad(false));
    atLast.index_put_({0, T - 1, 0}, 1.0);

    auto loss = [&](double* nll) {
        at::Tensor stream = streamAfterLayer + (atLast * delta).to(streamAfterLayer.scalar_type());
        at::Tensor logits = model.logitsFrom(model.runLayers(stream, mask, layer + 1, model.config().numLayers),
                                             LogitPositions::Last);
        at::Tensor value = lastPositionNll(logits, batch.answers);
        if (nll) *nll = value.item<double>();
        return value + options.weightDecay * delta.pow(2).sum() / (initialNorm * initialNorm);
    };

    TargetValue result;
    AdamW adam({delta}, AdamWOptions{options.learningRate, 0.9, 0.999, 1e-8, 0.0});
    for (int64_t step = 0; step < options.steps; ++step) {
        at::Tensor grad = torch::autograd::grad({loss(step == 0 ? &result.initialLoss : nullptr)}, {delta})[0];
        delta.mutable_grad() = grad;
        adam.step();
        at::NoGradGuard noGrad;
        const double limit = options.clampNormFactor * initialNorm;
        const double norm = delta.norm().item<double>();
        if (norm > limit) delta.mul_(limit / norm);
    }
    {
        at::NoGradGuard noGrad;
        loss(&result.finalLoss);
        if (options.steps == 0) result.initialLoss = result.finalLoss;
        result.initial = initial.to(model.dtype());
        result.value = (initial + delta.detach()).to(model.dtype());
    }
    return result;
}

}  // namespace redit
