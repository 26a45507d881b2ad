#pragma once
#include <ATen/ATen.h>
#include <vector>

#include "model/decoder_weights.h"
#include "model/hooks.h"
#include "model/model_config.h"
#include "model/norm_rotary.h"

namespace redit {

// Which positions get logits: all, or only the last one (scoring and answer training need only the last,
// and the LM head over a large vocabulary is the most expensive part of a small model's forward pass).
enum class LogitPositions { All, Last };

// A Qwen2/Llama decoder: embeddings, RMSNorm, rotary embeddings, grouped-query attention (q/k/v bias when
// configured), SwiGLU MLP, final norm, tied or separate LM head. Batches are [B, T] token ids with an
// optional attention mask (1 = real token, 0 = padding; left padding expected, positions follow the mask).
//
// Without hooks the forward pass is the plain fused one. With hooks it computes the same function with each
// head's output kept apart and, when split, each downstream node's residual input kept apart (see hooks.h).
class DecoderModel {
public:
    DecoderModel(ModelConfig config, DecoderWeights weights);

    const ModelConfig& config() const { return config_; }
    DecoderWeights& weights() { return weights_; }
    const DecoderWeights& weights() const { return weights_; }
    at::ScalarType dtype() const { return weights_.embedding.scalar_type(); }
    at::Device device() const { return weights_.embedding.device(); }

    // Moves/casts every weight (and adapter) in place.
    void to(at::Device device, at::ScalarType dtype);

    ForwardResult forward(const at::Tensor& inputIds, const at::Tensor& attentionMask = {},
                          const HookOptions& hooks = {}, bool training = false,
                          LogitPositions logitPositions = LogitPositions::All) const;

    // The plain forward pass in pieces, for callers that rerun only part of the model (the locate-then-edit
    // value optimisation reruns only the layers after the edited one, docs/editing.md). forward() without
    // hooks is logitsFrom(runLayers(embed(ids), mask, 0, numLayers)).
    at::Tensor embed(const at::Tensor& inputIds) const;  // [B, T, D] residual stream before layer 0
    // Layers [first, end) applied to the residual stream before layer `first`; returns the stream after
    // layer end - 1. Throws ConfigError unless 0 <= first <= end <= numLayers. When `lastMlpOutput` is given
    // (and first < end), it receives the MLP output [B, T, D] of layer end - 1 (what that layer's MLP added).
    at::Tensor runLayers(at::Tensor residual, const at::Tensor& attentionMask, int64_t first, int64_t end,
                         bool training = false, at::Tensor* lastMlpOutput = nullptr) const;
    // Final norm and LM head on the residual stream after the last layer.
    at::Tensor logitsFrom(const at::Tensor& residual, LogitPositions logitPositions = LogitPositions::All) const;

    // Every trainable tensor (base weights, then LoRA adapters), the tied LM head once.
    std::vector<at::Tensor> parameters() const;

private:
    at::Tensor attend(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& mask) const;
    at::Tensor mlp(const DecoderLayerWeights& layer, const at::Tensor& normed, bool training) const;
    at::Tensor projectPerGroup(const at::Tensor& normed, const Linear& linear, int64_t groups) const;

    ModelConfig config_;
    DecoderWeights weights_;
    RotaryEmbedding rotary_;
};

// Position ids [B, T] from an attention mask (left padding: real tokens count from 0), or 0..T-1.
at::Tensor positionIds(const at::Tensor& attentionMask, int64_t batch, int64_t length, at::Device device);

// Additive fp32 mask [B, 1, T, T]: 0 where a query may attend a key (causal and not padding), a large
// negative number elsewhere (finite, so fully padded query rows stay NaN-free).
at::Tensor attentionBias(const at::Tensor& attentionMask, int64_t batch, int64_t length, at::Device device);

}  // namespace redit
