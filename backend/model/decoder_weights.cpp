#include "model/decoder_weights.h"

namespace redit {

namespace {

// The one list of Hugging Face names: calls visit(name, tensor) for every parameter, in checkpoint order (the tied
// LM head listed once, as the embedding). `Weights` is DecoderWeights or const DecoderWeights.
template <class Weights, class Visit>
void visitNamed(Weights& w, bool tied, Visit visit) {
    visit("model.embed_tokens.weight", w.embedding);
    auto visitLinear = [&visit](const std::string& name, auto& l) {
        visit(name + ".weight", l.weight);
        if (l.bias.defined()) visit(name + ".bias", l.bias);
    };
    for (size_t i = 0; i < w.layers.size(); ++i) {
        auto& L = w.layers[i];
        const std::string p = "model.layers." + std::to_string(i) + ".";
        visit(p + "input_layernorm.weight", L.inputNorm);
        visitLinear(p + "self_attn.q_proj", L.q);
        visitLinear(p + "self_attn.k_proj", L.k);
        visitLinear(p + "self_attn.v_proj", L.v);
        visitLinear(p + "self_attn.o_proj", L.o);
        visit(p + "post_attention_layernorm.weight", L.postAttentionNorm);
        visitLinear(p + "mlp.gate_proj", L.gate);
        visitLinear(p + "mlp.up_proj", L.up);
        visitLinear(p + "mlp.down_proj", L.down);
    }
    visit("model.norm.weight", w.finalNorm);
    if (!tied) visit("lm_head.weight", w.lmHead);
}

}  // namespace

std::vector<std::pair<std::string, at::Tensor>> DecoderWeights::named(bool tied) const {
    std::vector<std::pair<std::string, at::Tensor>> out;
    visitNamed(*this, tied, [&out](const std::string& name, const at::Tensor& t) { out.emplace_back(name, t); });
    return out;
}

std::vector<std::pair<std::string, at::Tensor*>> DecoderWeights::namedSlots(bool tied) {
    std::vector<std::pair<std::string, at::Tensor*>> out;
    visitNamed(*this, tied, [&out](const std::string& name, at::Tensor& t) { out.emplace_back(name, &t); });
    return out;
}

DecoderWeights emptyDecoderWeights(const ModelConfig& c) {
    auto meta = at::TensorOptions().device(at::kMeta);
    auto linear = [&](int64_t out, int64_t in, bool bias) {
        Linear l;
        l.weight = at::empty({out, in}, meta);
        if (bias) l.bias = at::empty({out}, meta);
        return l;
    };
    const int64_t d = c.hiddenSize, q = c.numHeads * c.headDim, kv = c.numKeyValueHeads * c.headDim;
    DecoderWeights w;
    w.embedding = at::empty({c.vocabSize, d}, meta);
    for (int64_t i = 0; i < c.numLayers; ++i) {
        DecoderLayerWeights L;
        L.inputNorm = at::empty({d}, meta);
        L.q = linear(q, d, c.attentionBias);
        L.k = linear(kv, d, c.attentionBias);
        L.v = linear(kv, d, c.attentionBias);
        // Llama's attention_bias also puts a bias on o_proj; Qwen2 never has one.
        L.o = linear(d, q, c.modelType == "llama" && c.attentionBias);
        L.postAttentionNorm = at::empty({d}, meta);
        L.gate = linear(c.intermediateSize, d, c.mlpBias);
        L.up = linear(c.intermediateSize, d, c.mlpBias);
        L.down = linear(d, c.intermediateSize, c.mlpBias);
        w.layers.push_back(std::move(L));
    }
    w.finalNorm = at::empty({d}, meta);
    w.lmHead = c.tieWordEmbeddings ? w.embedding : at::empty({c.vocabSize, d}, meta);
    return w;
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
