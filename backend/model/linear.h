#pragma once
#include <ATen/ATen.h>
#include <optional>

namespace redit {

// A low-rank adapter on a linear layer: y += (alpha / rank) * B A x, with dropout on x while training.
struct LoraAdapter {
    at::Tensor a;  // [rank, in]
    at::Tensor b;  // [out, rank], zero after reset so a fresh adapter changes nothing
    double alpha = 16.0;
    double dropout = 0.0;
    bool enabled = true;

    int64_t rank() const { return a.size(0); }
    double scale() const { return alpha / static_cast<double>(rank()); }
};

// A linear layer with weight [out, in], optional bias [out] and optional LoRA adapter.
struct Linear {
    at::Tensor weight;
    at::Tensor bias;  // undefined when the layer has none
    std::optional<LoraAdapter> lora;

    int64_t inFeatures() const { return weight.size(1); }
    int64_t outFeatures() const { return weight.size(0); }

    // x [..., in] -> [..., out]. Dropout on the adapter input only when `training`.
    at::Tensor forward(const at::Tensor& x, bool training = false) const;

    // weight + scale * B A when an enabled adapter is attached (differentiable in all of them); used where
    // the layer is applied per head.
    at::Tensor effectiveWeight() const;
};

}  // namespace redit
