#include "model/decoder_weights.h"

namespace redit {

std::vector<std::pair<std::string, at::Tensor>> DecoderWeights::named(bool tied) const {
    std::vector<std::pair<std::string, at::Tensor>> out;
    out.emplace_back("model.embed_tokens.weight", embedding);
    auto addLinear = [&out](const std::string& name, const Linear& l) {
        out.emplace_back(name + ".weight", l.weight);
        if (l.bias.defined()) out.emplace_back(name + ".bias", l.bias);
    };
    for (size_t i = 0; i < layers.size(); ++i) {
        const auto& L = layers[i];
        const std::string p = "model.layers." + std::to_string(i) + ".";
        out.emplace_back(p + "input_layernorm.weight", L.inputNorm);
        addLinear(p + "self_attn.q_proj", L.q);
        addLinear(p + "self_attn.k_proj", L.k);
        addLinear(p + "self_attn.v_proj", L.v);
        addLinear(p + "self_attn.o_proj", L.o);
        out.emplace_back(p + "post_attention_layernorm.weight", L.postAttentionNorm);
        addLinear(p + "mlp.gate_proj", L.gate);
        addLinear(p + "mlp.up_proj", L.up);
        addLinear(p + "mlp.down_proj", L.down);
    }
    out.emplace_back("model.norm.weight", finalNorm);
    if (!tied) out.emplace_back("lm_head.weight", lmHead);
    return out;
}

DecoderWeights randomDecoderWeights(const ModelConfig& c, uint64_t seed, double initStd, at::ScalarType dtype) {
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    auto opts = at::TensorOptions().dtype(at::kFloat);
    auto matrix = [&](int64_t out, int64_t in) { return at::normal(0.0, initStd, {out, in}, gen, opts).to(dtype); };
    auto linear = [&](int64_t out, int64_t in, bool bias) {
        Linear l;
        l.weight = matrix(out, in);
        if (bias) l.bias = at::zeros({out}, opts.dtype(dtype));
        return l;
    };
    const int64_t d = c.hiddenSize, q = c.numHeads * c.headDim, kv = c.numKeyValueHeads * c.headDim;
    DecoderWeights w;
    w.embedding = matrix(c.vocabSize, d);
    for (int64_t i = 0; i < c.numLayers; ++i) {
        DecoderLayerWeights L;
        L.inputNorm = at::ones({d}, opts.dtype(dtype));
        L.q = linear(q, d, c.attentionBias);
        L.k = linear(kv, d, c.attentionBias);
        L.v = linear(kv, d, c.attentionBias);
        L.o = linear(d, q, false);
        L.postAttentionNorm = at::ones({d}, opts.dtype(dtype));
        L.gate = linear(c.intermediateSize, d, c.mlpBias);
        L.up = linear(c.intermediateSize, d, c.mlpBias);
        L.down = linear(d, c.intermediateSize, c.mlpBias);
        w.layers.push_back(std::move(L));
    }
    w.finalNorm = at::ones({d}, opts.dtype(dtype));
    w.lmHead = c.tieWordEmbeddings ? w.embedding : matrix(c.vocabSize, d);
    return w;
}

}  // namespace redit
