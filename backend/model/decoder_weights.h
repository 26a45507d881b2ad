#pragma once
#include <ATen/ATen.h>
#include <string>
#include <utility>
#include <vector>

#include "model/linear.h"
#include "model/model_config.h"

namespace redit {

struct DecoderLayerWeights {
    at::Tensor inputNorm;          // [D]
    Linear q, k, v, o;             // q [H*hd, D], k/v [Hkv*hd, D], o [D, H*hd]
    at::Tensor postAttentionNorm;  // [D]
    Linear gate, up, down;         // SwiGLU MLP
};

struct DecoderWeights {
    at::Tensor embedding;  // [vocab, D]
    std::vector<DecoderLayerWeights> layers;
    at::Tensor finalNorm;  // [D]
    at::Tensor lmHead;     // [vocab, D]; the same tensor as `embedding` when tied

    // Every parameter with its Hugging Face name (the tied LM head listed once, as the embedding).
    std::vector<std::pair<std::string, at::Tensor>> named(bool tied) const;
    // The same list, in the same order, as the members themselves, for filling weights in place (loadDecoder).
    std::vector<std::pair<std::string, at::Tensor*>> namedSlots(bool tied);
};

// The weights a checkpoint of `config` holds, as meta tensors (shapes only, no data): q/k/v biases when
// attentionBias, an o_proj bias only for llama with attentionBias, MLP biases when mlpBias; a tied LM head is
// the embedding.
DecoderWeights emptyDecoderWeights(const ModelConfig& config);

// Fresh weights: normal(0, initStd) matrices, zero biases, unit norms; deterministic for a seed.
DecoderWeights randomDecoderWeights(const ModelConfig& config, uint64_t seed, double initStd = 0.02,
                                    at::ScalarType dtype = at::kFloat);

}  // namespace redit
