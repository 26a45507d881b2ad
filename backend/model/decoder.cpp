#include "model/decoder.h"

#include <ATen/core/grad_mode.h>
#include <cmath>

#include "util/error.h"

namespace redit {

namespace {
constexpr double kMaskedScore = -1e9;

void moveLinear(Linear& l, at::Device device, at::ScalarType dtype) {
    l.weight = l.weight.to(device, dtype);
    if (l.bias.defined()) l.bias = l.bias.to(device, dtype);
    if (l.lora) {
        l.lora->a = l.lora->a.to(device, dtype);
        l.lora->b = l.lora->b.to(device, dtype);
    }
}

void collectLinear(const Linear& l, std::vector<at::Tensor>& base, std::vector<at::Tensor>& adapters) {
    base.push_back(l.weight);
    if (l.bias.defined()) base.push_back(l.bias);
    if (l.lora) {
        adapters.push_back(l.lora->a);
        adapters.push_back(l.lora->b);
    }
}
}  // namespace

at::Tensor positionIds(const at::Tensor& mask, int64_t batch, int64_t length, at::Device device) {
    if (!mask.defined()) return at::arange(length, at::TensorOptions().dtype(at::kLong).device(device)).expand({batch, length});
    return (mask.to(at::kLong).cumsum(-1) - 1).clamp_min(0);
}

at::Tensor attentionBias(const at::Tensor& mask, int64_t batch, int64_t length, at::Device device) {
    auto opts = at::TensorOptions().dtype(at::kFloat).device(device);
    // (added to fp32 or fp64 scores; the result keeps the scores' type)
    at::Tensor allowed = at::ones({length, length}, opts.dtype(at::kBool)).tril().view({1, 1, length, length});
    if (mask.defined()) allowed = allowed & mask.to(at::kBool).view({batch, 1, 1, length});
    return at::zeros({1}, opts).masked_fill(allowed.logical_not(), kMaskedScore).expand({batch, 1, length, length});
}

DecoderModel::DecoderModel(ModelConfig config, DecoderWeights weights)
    : config_(std::move(config)), weights_(std::move(weights)), rotary_(config_) {
    if (static_cast<int64_t>(weights_.layers.size()) != config_.numLayers)
        throw ConfigError("decoder weights have " + std::to_string(weights_.layers.size()) + " layers, config says " +
                          std::to_string(config_.numLayers));
}

void DecoderModel::to(at::Device device, at::ScalarType dtype) {
    const bool tied = weights_.lmHead.is_same(weights_.embedding);
    weights_.embedding = weights_.embedding.to(device, dtype);
    weights_.lmHead = tied ? weights_.embedding : weights_.lmHead.to(device, dtype);
    weights_.finalNorm = weights_.finalNorm.to(device, dtype);
    for (auto& L : weights_.layers) {
        L.inputNorm = L.inputNorm.to(device, dtype);
        L.postAttentionNorm = L.postAttentionNorm.to(device, dtype);
        for (Linear* l : {&L.q, &L.k, &L.v, &L.o, &L.gate, &L.up, &L.down}) moveLinear(*l, device, dtype);
    }
}

std::vector<at::Tensor> DecoderModel::parameters() const {
    std::vector<at::Tensor> base, adapters;
    base.push_back(weights_.embedding);
    for (const auto& L : weights_.layers) {
        base.push_back(L.inputNorm);
        base.push_back(L.postAttentionNorm);
        for (const Linear* l : {&L.q, &L.k, &L.v, &L.o, &L.gate, &L.up, &L.down}) collectLinear(*l, base, adapters);
    }
    base.push_back(weights_.finalNorm);
    if (!weights_.lmHead.is_same(weights_.embedding)) base.push_back(weights_.lmHead);
    base.insert(base.end(), adapters.begin(), adapters.end());
    return base;
}

at::Tensor DecoderModel::attend(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                                const at::Tensor& bias) const {
    // q [B, T, H, hd], k/v [B, T, Hkv, hd] -> [B, T, H, hd]
    const int64_t group = config_.groupSize();
    at::Tensor qh = q.transpose(1, 2);
    at::Tensor kh = k.transpose(1, 2), vh = v.transpose(1, 2);
    if (group > 1) {
        kh = kh.repeat_interleave(group, 1);
        vh = vh.repeat_interleave(group, 1);
    }
    // Softmax in at least fp32 (bf16/fp16 models), in the model's precision otherwise.
    const at::ScalarType softmaxType = at::promote_types(q.scalar_type(), at::kFloat);
    at::Tensor scores = at::matmul(qh, kh.transpose(-1, -2)).to(softmaxType) / std::sqrt(double(config_.headDim));
    at::Tensor probs = at::softmax(scores + bias, -1).to(q.scalar_type());
    return at::matmul(probs, vh).transpose(1, 2);
}

at::Tensor DecoderModel::mlp(const DecoderLayerWeights& L, const at::Tensor& normed, bool training) const {
    return L.down.forward(at::silu(L.gate.forward(normed, training)) * L.up.forward(normed, training), training);
}

at::Tensor DecoderModel::projectPerGroup(const at::Tensor& normed, const Linear& linear, int64_t groups) const {
    // normed [B, T, G, D] with one residual copy per head group; weight rows grouped per head.
    const int64_t hd = config_.headDim;
    at::Tensor w = linear.effectiveWeight().view({groups, hd, config_.hiddenSize});
    at::Tensor y = at::einsum("btgd,ged->btge", {normed, w});
    if (linear.bias.defined()) y = y + linear.bias.view({groups, hd});
    return y;
}

at::Tensor DecoderModel::embed(const at::Tensor& inputIds) const {
    return at::embedding(weights_.embedding, inputIds.to(device(), at::kLong));
}

at::Tensor DecoderModel::runLayers(at::Tensor resid, const at::Tensor& attentionMask, int64_t first, int64_t end,
                                   bool training, at::Tensor* lastMlpOutput) const {
    const ModelConfig& c = config_;
    if (first < 0 || first > end || end > c.numLayers)
        throw ConfigError("layers [" + std::to_string(first) + ", " + std::to_string(end) + ") are not within the model's " +
                          std::to_string(c.numLayers));
    if (resid.dim() != 3 || resid.size(2) != c.hiddenSize) throw Error("residual stream must be [batch, length, hidden]");
    const int64_t B = resid.size(0), T = resid.size(1), H = c.numHeads, Hkv = c.numKeyValueHeads, hd = c.headDim;
    if (attentionMask.defined() && (attentionMask.size(0) != B || attentionMask.size(1) != T))
        throw Error("attention mask must have the residual stream's batch and length");
    const at::Device dev = device();
    at::Tensor bias = attentionBias(attentionMask, B, T, dev);
    auto [cos, sin] = rotary_.tables(positionIds(attentionMask, B, T, dev), dtype());
    for (int64_t l = first; l < end; ++l) {
        const DecoderLayerWeights& L = weights_.layers[static_cast<size_t>(l)];
        at::Tensor h = rmsNorm(resid, L.inputNorm, c.rmsNormEps);
        at::Tensor q = L.q.forward(h, training).view({B, T, H, hd});
        at::Tensor k = L.k.forward(h, training).view({B, T, Hkv, hd});
        at::Tensor v = L.v.forward(h, training).view({B, T, Hkv, hd});
        at::Tensor z = attend(applyRotary(q, cos, sin), applyRotary(k, cos, sin), v, bias);
        resid = resid + L.o.forward(z.reshape({B, T, H * hd}), training);
        at::Tensor mlpOut = mlp(L, rmsNorm(resid, L.postAttentionNorm, c.rmsNormEps), training);
        if (lastMlpOutput && l == end - 1) *lastMlpOutput = mlpOut;
        resid = resid + mlpOut;
    }
    return resid;
}

at::Tensor DecoderModel::logitsFrom(const at::Tensor& resid, LogitPositions logitPositions) const {
    at::Tensor finalIn = logitPositions == LogitPositions::Last ? resid.narrow(1, resid.size(1) - 1, 1) : resid;
    return at::linear(rmsNorm(finalIn, weights_.finalNorm, config_.rmsNormEps), weights_.lmHead);
}

ForwardResult DecoderModel::forward(const at::Tensor& inputIds, const at::Tensor& attentionMask,
                                    const HookOptions& hooks, bool training, LogitPositions logitPositions) const {
    const ModelConfig& c = config_;
    if (inputIds.dim() != 2) throw Error("decoder input must be [batch, length] token ids");
    const int64_t B = inputIds.size(0), T = inputIds.size(1), H = c.numHeads, Hkv = c.numKeyValueHeads;
    const int64_t hd = c.headDim, D = c.hiddenSize;
    const at::Device dev = device();
    if (attentionMask.defined() && attentionMask.sizes() != inputIds.sizes())
        throw Error("attention mask must have the shape of the input ids");

    ForwardResult out;
    if (!hooks.any()) {
        out.logits = logitsFrom(runLayers(embed(inputIds), attentionMask, 0, c.numLayers, training), logitPositions);
        return out;
    }
    const bool split = hooks.splitDownstream;
    const bool perHeadOutput = hooks.captureUpstream || hooks.patch;
    if (split) {
        if (hooks.downstreamOffsets) {
            out.downstream = *hooks.downstreamOffsets;
        } else {
            auto zeros = [&](std::initializer_list<int64_t> shape) {
                return at::zeros(shape, at::TensorOptions().dtype(dtype()).device(dev)).set_requires_grad(true);
            };
            for (int64_t l = 0; l < c.numLayers; ++l) {
                out.downstream.query.push_back(zeros({B, T, H, D}));
                out.downstream.key.push_back(zeros({B, T, Hkv, D}));
                out.downstream.value.push_back(zeros({B, T, Hkv, D}));
                out.downstream.mlp.push_back(zeros({B, T, D}));
            }
            out.downstream.logits = zeros({B, T, D});
        }
    }

    at::Tensor positions = positionIds(attentionMask, B, T, dev);
    at::Tensor bias = attentionBias(attentionMask, B, T, dev);
    auto [cos, sin] = rotary_.tables(positions, dtype());

    at::Tensor resid = at::embedding(weights_.embedding, inputIds.to(dev, at::kLong));
    if (hooks.patch) resid = hooks.patch(UpstreamKind::Embedding, -1, resid);
    if (hooks.captureUpstream) out.upstream.embedding = resid;
    AttributionTaps& taps = out.taps;
    const bool tap = hooks.tapAttribution;
    if (tap && at::GradMode::is_enabled() && !resid.requires_grad()) resid = resid.detach().requires_grad_(true);
    if (tap) taps.embedding = resid;

    for (int64_t l = 0; l < c.numLayers; ++l) {
        const DecoderLayerWeights& L = weights_.layers[static_cast<size_t>(l)];
        at::Tensor q, k, v;
        if (split) {
            const DownstreamInputs& in = out.downstream;
            at::Tensor r = resid.unsqueeze(2);
            q = projectPerGroup(rmsNorm(r + in.query[l], L.inputNorm, c.rmsNormEps), L.q, H);
            k = projectPerGroup(rmsNorm(r + in.key[l], L.inputNorm, c.rmsNormEps), L.k, Hkv);
            v = projectPerGroup(rmsNorm(r + in.value[l], L.inputNorm, c.rmsNormEps), L.v, Hkv);
        } else {
            at::Tensor h = rmsNorm(resid, L.inputNorm, c.rmsNormEps);
            q = L.q.forward(h, training).view({B, T, H, hd});
            k = L.k.forward(h, training).view({B, T, Hkv, hd});
            v = L.v.forward(h, training).view({B, T, Hkv, hd});
        }
        if (tap) {
            taps.attentionResidual.push_back(resid);
            taps.query.push_back(q);
            taps.key.push_back(k);
            taps.value.push_back(v);
        }
        at::Tensor z = attend(applyRotary(q, cos, sin), applyRotary(k, cos, sin), v, bias);  // [B, T, H, hd]
        if (tap) taps.headValues.push_back(z);

        at::Tensor attnOut;
        if (perHeadOutput) {
            at::Tensor wo = L.o.effectiveWeight().view({D, H, hd});
            at::Tensor heads = at::einsum("bthe,dhe->bthd", {z, wo});  // each head through its slice of W_O
            if (hooks.patch) heads = hooks.patch(UpstreamKind::AttentionHeads, l, heads);
            if (hooks.captureUpstream) out.upstream.heads.push_back(heads);
            attnOut = heads.sum(2);
            if (L.o.bias.defined()) attnOut = attnOut + L.o.bias;
        } else {
            attnOut = L.o.forward(z.reshape({B, T, H * hd}), training);
        }
        resid = resid + attnOut;

        at::Tensor mlpIn = split ? resid + out.downstream.mlp[l] : resid;
        at::Tensor mlpNormed = rmsNorm(mlpIn, L.postAttentionNorm, c.rmsNormEps);
        at::Tensor m = mlp(L, mlpNormed, training);
        if (hooks.patch) m = hooks.patch(UpstreamKind::Mlp, l, m);
        if (hooks.captureUpstream) out.upstream.mlps.push_back(m);
        if (tap) {
            taps.mlpResidual.push_back(mlpIn);
            taps.mlpNormed.push_back(mlpNormed);
            taps.mlps.push_back(m);
        }
        resid = resid + m;
    }
    at::Tensor finalIn = split ? resid + out.downstream.logits : resid;
    if (logitPositions == LogitPositions::Last) finalIn = finalIn.narrow(1, T - 1, 1);
    at::Tensor finalNormed = rmsNorm(finalIn, weights_.finalNorm, c.rmsNormEps);
    if (tap) {
        taps.logitsResidual = finalIn;
        taps.logitsNormed = finalNormed;
    }
    out.logits = at::linear(finalNormed, weights_.lmHead);
    return out;
}

}  // namespace redit
