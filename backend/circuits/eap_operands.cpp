#include "circuits/eap_operands.h"

#include <ATen/core/grad_mode.h>
#include <torch/csrc/autograd/autograd.h>

#include <algorithm>
#include <vector>


namespace redit {

namespace {

// [B, T, n, e] -> [n, B * T, e] (contiguous, for a batched product per head).
at::Tensor perHead(const at::Tensor& t) {
    return t.permute({2, 0, 1, 3}).reshape({t.size(2), t.size(0) * t.size(1), t.size(3)});
}

// A norm's input x as [N, D] in at least float32 with s = 1 / rms(x) per row ([N, 1]).
struct NormInput {
    at::Tensor x, scale;
};

NormInput normInput(const at::Tensor& residual, double eps) {
    const at::Tensor x = residual.reshape({-1, residual.size(-1)}).to(at::promote_types(residual.scalar_type(), at::kFloat));
    return {x, at::rsqrt(x.pow(2).mean({-1}, true) + eps)};
}

// rmsNorm's vector-Jacobian product for n output gradients w at once (normed = gamma x s):
//   dx = s gamma w - x s^3 <gamma w, x> / D = s gamma w - x s^2 <w, normed> / D.
// `block` [n, N, D] holds s gamma w on entry and dx on return; `wDotNormed` [n, N] is <w, normed>.
void pullThroughNorm(at::Tensor& block, const NormInput& in, const at::Tensor& wDotNormed) {
    const double D = double(in.x.size(1));
    block.addcmul_(in.x, (wDotNormed.unsqueeze(-1) * in.scale.pow(2)) / D, -1.0);
}

// The projection's output without its bias: W x.
at::Tensor withoutBias(const Linear& linear, const at::Tensor& output) {
    return linear.bias.defined() ? output - linear.bias.view({output.size(2), -1}) : output;
}

// The reader gradients of a layer's query heads and key/value groups into `block` [H + 2 Hkv, N, D], from the
// projections' outputs and the metric's gradients with respect to them (each [B, T, heads, hd], before
// rotary). Head h reads W[h] normed: w_h = W[h]^T dq_h, of which s gamma w_h is one batched product with the
// gamma-scaled weight rows, and <w_h, normed> = <dq_h, W[h] normed> needs no second one.
void attentionInputRows(at::Tensor& block, const DecoderLayerWeights& L, const std::vector<at::Tensor>& outputs,
                        const std::vector<at::Tensor>& gradients, const NormInput& in) {
    const at::ScalarType type = block.scalar_type();
    const int64_t B = outputs[0].size(0), T = outputs[0].size(1), D = in.x.size(1);
    const at::Tensor dq = at::cat(gradients, 2).to(type);  // [B, T, H + 2 Hkv, hd]
    const at::Tensor projected =
        at::cat({withoutBias(L.q, outputs[0]), withoutBias(L.k, outputs[1]), withoutBias(L.v, outputs[2])}, 2).to(type);
    const at::Tensor weight = (at::cat({L.q.effectiveWeight(), L.k.effectiveWeight(), L.v.effectiveWeight()}, 0) *
                               L.inputNorm).to(type).view({block.size(0), -1, D});
    at::bmm_out(block, perHead(dq * in.scale.view({B, T, 1, 1})), weight);
    pullThroughNorm(block, in, perHead((dq * projected).sum(-1, true)).squeeze(-1));
}

}  // namespace

at::Tensor upstreamDifferenceRows(const DecoderModel& model, const AttributionTaps& corrupted,
                                  const AttributionTaps& clean, const at::Tensor& real) {
    const int64_t B = real.size(0), T = real.size(1), D = clean.embedding.size(2);
    const int64_t layers = int64_t(clean.headValues.size()), H = model.config().numHeads;
    const at::Tensor mask = real.view({B, T, 1});
    at::Tensor rows = at::empty({1 + layers * (H + 1), B * T, D}, clean.embedding.options());
    const at::Tensor perToken = mask.view({B * T, 1});
    auto difference = [&](int64_t row, const at::Tensor& a, const at::Tensor& b) {
        at::Tensor out = rows[row];
        at::mul_out(out, (a - b).view({B * T, D}), perToken);
    };
    difference(0, corrupted.embedding, clean.embedding);
    for (int64_t l = 0; l < layers; ++l) {
        const Linear& o = model.weights().layers[size_t(l)].o;
        // out_h = W_O[:, h] z_h is linear in z_h, so its difference is W_O[:, h] (z_h(x~) - z_h(x)).
        const at::Tensor dz = perHead((corrupted.headValues[l] - clean.headValues[l]) * mask.unsqueeze(-1));
        const at::Tensor wo = o.effectiveWeight().view({D, H, -1}).permute({1, 2, 0});  // [H, hd, D]
        at::Tensor heads = rows.narrow(0, 1 + l * (H + 1), H);
        at::bmm_out(heads, dz, wo);
        difference(1 + l * (H + 1) + H, corrupted.mlps[l], clean.mlps[l]);
    }
    return rows.view({rows.size(0), B, T * D});
}

at::Tensor edgeScoreProducts(const CircuitGraph& graph, const at::Tensor& differences, const at::Tensor& gradients) {
    at::Tensor scores = at::zeros({differences.size(0), gradients.size(0)}, differences.options());
    const int64_t readers = graph.downstreamCount(), groups = std::min<int64_t>(4, readers);
    for (int64_t g = 0; g < groups; ++g) {
        const int64_t begin = readers * g / groups, end = readers * (g + 1) / groups;
        int64_t writers = 0;  // the writers computed before the group's last reader (firstDownstream grows with u)
        while (writers < graph.upstreamCount() && graph.firstDownstream(writers) < end) ++writers;
        scores.narrow(0, 0, writers)
            .narrow(1, begin, end - begin)
            .copy_(at::mm(differences.narrow(0, 0, writers), gradients.narrow(0, begin, end - begin).t()));
    }
    return scores;
}

at::Tensor readerGradientRows(const DecoderModel& model, const at::Tensor& metric, const AttributionTaps& taps) {
    std::vector<at::Tensor> wanted;
    for (size_t l = 0; l < taps.query.size(); ++l)
        for (const at::Tensor& t : {taps.query[l], taps.key[l], taps.value[l], taps.mlpNormed[l]}) wanted.push_back(t);
    wanted.push_back(taps.logitsNormed);
    std::vector<at::Tensor> grads = torch::autograd::grad({metric}, wanted, {}, false, false, true);
    at::NoGradGuard noGrad;
    for (size_t i = 0; i < wanted.size(); ++i)
        if (!grads[i].defined()) grads[i] = at::zeros_like(wanted[i]);

    const ModelConfig& c = model.config();
    const int64_t B = taps.embedding.size(0), T = taps.embedding.size(1), D = taps.embedding.size(2);
    const int64_t H = c.numHeads, G = c.numKeyValueHeads, perLayer = H + 2 * G + 1;
    const at::ScalarType type = at::promote_types(taps.embedding.scalar_type(), at::kFloat);
    at::Tensor rows = at::empty({perLayer * int64_t(taps.query.size()) + 1, B * T, D},
                                taps.embedding.options().dtype(type));
    for (size_t l = 0; l < taps.query.size(); ++l) {
        const DecoderLayerWeights& L = model.weights().layers[l];
        const at::Tensor* g = &grads[4 * l];
        const NormInput in = normInput(taps.attentionResidual[l], c.rmsNormEps);
        at::Tensor attention = rows.narrow(0, int64_t(l) * perLayer, perLayer - 1);
        attentionInputRows(attention, L, {taps.query[l], taps.key[l], taps.value[l]}, {g[0], g[1], g[2]}, in);
        // The MLP input: its norm's output gradient.
        const NormInput mlpIn = normInput(taps.mlpResidual[l], c.rmsNormEps);
        const at::Tensor dn = g[3].to(type).reshape({1, B * T, D});
        at::Tensor block = rows.narrow(0, int64_t(l) * perLayer + perLayer - 1, 1);
        at::mul_out(block, dn * L.postAttentionNorm.to(type), mlpIn.scale);
        pullThroughNorm(block, mlpIn, (dn * taps.mlpNormed[l].to(type).reshape({1, B * T, D})).sum(-1));
    }
    // The logits: the final norm's output gradient, at the positions whose logits were computed.
    at::Tensor logits = rows.narrow(0, rows.size(0) - 1, 1).view({B, T, D});
    logits.zero_();
    const int64_t computed = taps.logitsResidual.size(1);
    at::Tensor block = logits.narrow(1, T - computed, computed).reshape({1, B * computed, D});  // a view when computed = T or 1
    const NormInput finalIn = normInput(taps.logitsResidual, c.rmsNormEps);
    const at::Tensor dn = grads.back().to(type).reshape({1, B * computed, D});
    block.copy_(dn * model.weights().finalNorm.to(type) * finalIn.scale);
    pullThroughNorm(block, finalIn, (dn * taps.logitsNormed.to(type).reshape({1, B * computed, D})).sum(-1));
    return rows.view({rows.size(0), B, T * D});
}

}  // namespace redit
