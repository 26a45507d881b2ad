#pragma once
#include <ATen/ATen.h>

#include "model/model_config.h"

namespace redit {

// RMSNorm over the last dimension, computed in fp32 and cast back (as the Hugging Face reference does).
at::Tensor rmsNorm(const at::Tensor& x, const at::Tensor& weight, double eps);

// Rotary position embedding tables for the model's head dimension, theta and scaling.
class RotaryEmbedding {
public:
    explicit RotaryEmbedding(const ModelConfig& config);

    // cos and sin for positions [B, T] (int64): each [B, T, headDim], in `dtype` on the positions' device.
    std::pair<at::Tensor, at::Tensor> tables(const at::Tensor& positions, at::ScalarType dtype) const;

    const at::Tensor& inverseFrequencies() const { return invFreq_; }  // [headDim / 2], float64

private:
    at::Tensor invFreq_;
};

// x [B, T, heads, headDim] rotated with cos/sin [B, T, headDim] ("rotate half" layout of Qwen2/Llama).
at::Tensor applyRotary(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin);

}  // namespace redit
