#include "reshape/attribution_vector.h"
#include <ATen/core/grad_mode.h>

#include "circuits/eap_rows.h"
#include "util/error.h"

namespace redit {

namespace {

void checkBatch(const DecoderModel& model, const EapBatch& batch) {
    const at::Tensor& ids = batch.clean.ids;
    if (!ids.defined() || ids.dim() != 2 || ids.size(0) == 0 || ids.size(1) == 0)
        throw ConfigError("attribution vectors need clean token ids of shape [batch, length]");
    if (!batch.corrupted.ids.defined() || batch.corrupted.ids.sizes() != ids.sizes())
        throw ConfigError("attribution vectors need corrupted prompts of the clean prompts' shape");
    const at::Tensor mask = batch.clean.mask.defined() ? batch.clean.mask : at::ones_like(ids);
    const at::Tensor corruptMask = batch.corrupted.mask.defined() ? batch.corrupted.mask : at::ones_like(ids);
    if (mask.sizes() != ids.sizes() || !at::equal(mask.to(at::kLong).cpu(), corruptMask.to(at::kLong).cpu()))
        throw ConfigError("attribution vectors need the same padding mask for clean and corrupted prompts");
    if (!mask.select(1, ids.size(1) - 1).to(at::kBool).all().item<bool>())
        throw ConfigError("attribution vectors need left-padded prompts (the last position real in every row)");
    const auto B = size_t(ids.size(0));
    if (batch.cleanAnswers.size() != B || batch.corruptedAnswers.size() != B)
        throw ConfigError("attribution vectors need one clean and one corrupted answer per pair (" +
                          std::to_string(B) + ")");
    const int64_t vocab = model.config().vocabSize;
    for (const auto* answers : {&batch.cleanAnswers, &batch.corruptedAnswers})
        for (int64_t a : *answers)
            if (a < 0 || a >= vocab) throw ConfigError("answer id " + std::to_string(a) + " is outside the vocabulary");
}

}  // namespace

int64_t attributionLength(const ModelConfig& config, Granularity granularity) {
    const CircuitGraph graph(GraphShape::of(config));
    return granularity == Granularity::Edge ? graph.edgeCount() : graph.upstreamCount();
}

at::Tensor attributionVectors(const DecoderModel& model, const EapBatch& batch, Granularity granularity) {
    checkBatch(model, batch);
    const bool differentiable = at::GradMode::is_enabled();
    const at::Device dev = model.device();
    const at::Tensor clean = batch.clean.ids.to(dev, at::kLong);
    const at::Tensor corrupted = batch.corrupted.ids.to(dev, at::kLong);
    const at::Tensor mask = batch.clean.mask.defined() ? batch.clean.mask.to(dev, at::kLong) : at::ones_like(clean);

    HookOptions capture;
    capture.captureUpstream = true;
    HookOptions split = capture;
    split.splitDownstream = true;
    ForwardResult corruptedRun, cleanRun;
    {
        // The downstream-input gradients need autograd even when the caller wants plain values.
        at::AutoGradMode enableGrad(true);
        corruptedRun = model.forward(corrupted, mask, capture, false, LogitPositions::Last);
        cleanRun = model.forward(clean, mask, split, false, LogitPositions::Last);
    }
    at::Tensor gradients;
    {
        at::AutoGradMode enableGrad(true);
        at::Tensor last = cleanRun.logits.select(1, 0);  // [B, V]: left padding puts the last real token last
        last = last.to(at::promote_types(last.scalar_type(), at::kFloat));
        auto answers = [&](const std::vector<int64_t>& a) { return at::tensor(a, at::kLong).to(dev).view({-1, 1}); };
        // Pairs do not interact, so the gradient of the sum is each pair's own gradient.
        const at::Tensor metric =
            (last.gather(1, answers(batch.cleanAnswers)) - last.gather(1, answers(batch.corruptedAnswers))).sum();
        at::AutoGradMode keep(differentiable);
        gradients = downstreamGradientRows(metric, cleanRun.downstream, at::GradMode::is_enabled());  // [V, B, K]
    }
    at::AutoGradMode keep(differentiable);
    const at::Tensor real = mask.to(model.dtype()).unsqueeze(-1);  // padding carries no signal
    UpstreamOutputs difference;
    difference.embedding = (corruptedRun.upstream.embedding - cleanRun.upstream.embedding) * real;
    for (size_t l = 0; l < corruptedRun.upstream.heads.size(); ++l) {
        difference.heads.push_back((corruptedRun.upstream.heads[l] - cleanRun.upstream.heads[l]) * real.unsqueeze(-1));
        difference.mlps.push_back((corruptedRun.upstream.mlps[l] - cleanRun.upstream.mlps[l]) * real);
    }
    const at::ScalarType scoreType = at::promote_types(model.dtype(), at::kFloat);
    at::Tensor differences = upstreamRows(difference).to(scoreType);  // [U, B, K]
    if (!differentiable) {
        differences = differences.detach();
        gradients = gradients.detach();
    }
    // Per pair b: scores[b] = differences[:, b, :] x gradients[:, b, :]^T  -> [B, U, V]
    const at::Tensor scores = at::bmm(differences.transpose(0, 1), gradients.to(scoreType).permute({1, 2, 0}));
    const CircuitGraph graph(GraphShape::of(model.config()));
    const at::Tensor valid = edgeValidityMask(graph).to(dev);
    if (granularity == Granularity::Node) return (scores * valid.to(scoreType)).sum(2);
    // Row-major selection of the valid entries is the graph's edge order.
    return scores.reshape({scores.size(0), -1}).index_select(1, valid.reshape({-1}).nonzero().squeeze(1));
}

}  // namespace redit
