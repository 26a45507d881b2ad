#pragma once
// Tiny random decoders for tests: small enough that a slow reference can check them.
#include "model/decoder.h"
#include "model/model_config.h"

namespace redit::testing {

inline ModelConfig tinyConfig(const std::string& type = "qwen2") {
    ModelConfig c;
    c.modelType = type;
    c.vocabSize = 23;
    c.hiddenSize = 16;
    c.intermediateSize = 24;
    c.numLayers = 2;
    c.numHeads = 4;
    c.numKeyValueHeads = 2;
    c.headDim = 4;
    c.maxPositions = 64;
    c.rmsNormEps = 1e-6;
    c.ropeTheta = 10000.0;
    c.attentionBias = type == "qwen2";
    c.tieWordEmbeddings = type == "qwen2";
    return c;
}

// Random weights with non-trivial norms and biases, so that every term of the computation matters.
inline DecoderModel tinyModel(const ModelConfig& c, uint64_t seed = 7) {
    DecoderWeights w = randomDecoderWeights(c, seed, 0.3);
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed + 1);
    auto jitter = [&](at::Tensor& t, double mean) { t = at::normal(mean, 0.2, t.sizes(), gen); };
    for (auto& L : w.layers) {
        jitter(L.inputNorm, 1.0);
        jitter(L.postAttentionNorm, 1.0);
        for (Linear* l : {&L.q, &L.k, &L.v})
            if (l->bias.defined()) jitter(l->bias, 0.0);
    }
    jitter(w.finalNorm, 1.0);
    return DecoderModel(c, std::move(w));
}

// The tiny Qwen2 model in fp64 on the CPU: for comparisons against finite differences and hand computations.
inline DecoderModel tinyModel64() {
    DecoderModel m = tinyModel(tinyConfig());
    m.to(at::kCPU, at::kDouble);
    return m;
}

}  // namespace redit::testing
