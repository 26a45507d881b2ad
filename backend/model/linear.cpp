#include "model/linear.h"

namespace redit {

at::Tensor Linear::forward(const at::Tensor& x, bool training) const {
    at::Tensor y = bias.defined() ? at::linear(x, weight, bias) : at::linear(x, weight);
    if (lora && lora->enabled) {
        at::Tensor in = (training && lora->dropout > 0) ? at::dropout(x, lora->dropout, true) : x;
        y = y + at::linear(at::linear(in, lora->a), lora->b) * lora->scale();
    }
    return y;
}

at::Tensor Linear::effectiveWeight() const {
    if (lora && lora->enabled) return weight + at::matmul(lora->b, lora->a) * lora->scale();
    return weight;
}

}  // namespace redit
