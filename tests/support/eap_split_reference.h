#pragma once
// The split-forward computation of EAP scores that circuits/eap.cpp used before it took the reader gradients
// from ordinary forward passes: every reader's residual input is a separate copy (a zero leaf added to it),
// one backward gives each copy's gradient. Kept as the reference that test_eap and bench_eap compare
// computeEapScores with (same definition, docs/circuits.md). Logits at every position, one chunk.
#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include "circuits/eap.h"
#include "circuits/eap_rows.h"
#include "model/scoring.h"

namespace redit::testing {

inline at::Tensor splitReferenceEapScores(const DecoderModel& model, const EapBatch& batch,
                                          EapMetric metric = EapMetric::LogitDifference, int64_t igSteps = 0) {
    at::AutoGradMode enableGrad(true);
    const at::Tensor mask = batch.clean.mask.defined() ? batch.clean.mask : at::ones_like(batch.clean.ids);
    const at::Tensor rows = at::arange(mask.size(0), at::kLong), lastPositions = lastRealPositions(mask);
    auto last = [&](const at::Tensor& logits) {
        const at::Tensor l = logits.index({rows, lastPositions});
        return l.to(at::promote_types(l.scalar_type(), at::kFloat));
    };
    auto ids = [](const std::vector<int64_t>& a) { return at::tensor(a, at::kLong).view({-1, 1}); };
    HookOptions capture;
    capture.captureUpstream = true;
    ForwardResult corrupted, clean;
    {
        at::NoGradGuard noGrad;
        corrupted = model.forward(batch.corrupted.ids, mask, capture);
    }
    const at::Tensor corruptedLogProbs = at::log_softmax(last(corrupted.logits), -1);
    auto metricSum = [&](const at::Tensor& logits) {
        const at::Tensor l = last(logits);
        switch (metric) {
            case EapMetric::LogitDifference:
                return (l.gather(1, ids(batch.cleanAnswers)) - l.gather(1, ids(batch.corruptedAnswers))).sum();
            case EapMetric::ProbabilityDifference: {
                const at::Tensor p = at::softmax(l, -1);
                return (p.gather(1, ids(batch.cleanAnswers)) - p.gather(1, ids(batch.corruptedAnswers))).sum();
            }
            case EapMetric::KlDivergence:
                return (corruptedLogProbs.exp() * (corruptedLogProbs - at::log_softmax(l, -1))).sum();
        }
        return at::Tensor();
    };
    HookOptions split = capture;
    split.splitDownstream = true;
    at::Tensor gradients;
    if (igSteps == 0) {
        clean = model.forward(batch.clean.ids, mask, split);
        gradients = downstreamGradientRows(metricSum(clean.logits), clean.downstream, false);
    } else {
        {
            at::NoGradGuard noGrad;
            clean = model.forward(batch.clean.ids, mask, capture);
        }
        const at::Tensor from = corrupted.upstream.embedding, towards = clean.upstream.embedding;
        for (int64_t k = 1; k <= igSteps; ++k) {
            const double alpha = double(k) / double(igSteps);
            HookOptions interpolate;
            interpolate.splitDownstream = true;
            interpolate.patch = [&](UpstreamKind kind, int64_t, const at::Tensor& out) {
                return kind == UpstreamKind::Embedding ? from + alpha * (towards - from) : out;
            };
            const ForwardResult r = model.forward(batch.clean.ids, mask, interpolate);
            const at::Tensor g = downstreamGradientRows(metricSum(r.logits), r.downstream, false);
            gradients = gradients.defined() ? gradients + g : g;
        }
        gradients = gradients / double(igSteps);
    }
    at::NoGradGuard noGrad;
    const at::Tensor real = mask.to(model.dtype());
    UpstreamOutputs difference;
    difference.embedding = (corrupted.upstream.embedding - clean.upstream.embedding) * real.unsqueeze(-1);
    for (size_t l = 0; l < corrupted.upstream.heads.size(); ++l) {
        difference.heads.push_back((corrupted.upstream.heads[l] - clean.upstream.heads[l]) * real.unsqueeze(-1).unsqueeze(-1));
        difference.mlps.push_back((corrupted.upstream.mlps[l] - clean.upstream.mlps[l]) * real.unsqueeze(-1));
    }
    const at::ScalarType scoreType = model.dtype() == at::kDouble ? at::kDouble : at::kFloat;
    const at::Tensor scores = at::matmul(upstreamRows(difference).flatten(1).to(scoreType),
                                         gradients.detach().flatten(1).to(scoreType).t());
    const CircuitGraph graph(GraphShape::of(model.config()));
    return scores / double(mask.size(0)) * edgeValidityMask(graph).to(scoreType);
}

}  // namespace redit::testing
