#pragma once
#include <ATen/ATen.h>
#include <cstdint>
#include <vector>

namespace redit {

struct AdamWOptions {
    double learningRate = 1e-3;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    double weightDecay = 0.01;
};

// AdamW (Loshchilov & Hutter) written out on at:: tensors, with the same update as torch.optim.AdamW:
//   p <- p - lr * wd * p                       (decoupled weight decay)
//   m <- b1 m + (1 - b1) g,   v <- b2 v + (1 - b2) g^2
//   p <- p - lr / (1 - b1^t) * m / (sqrt(v / (1 - b2^t)) + eps)
// Its whole state (moments and step count) is plain tensors and one integer, so a training checkpoint can
// store it and a resumed run continues bit for bit. Parameters without a gradient are left alone.
class AdamW {
public:
    AdamW(std::vector<at::Tensor> parameters, const AdamWOptions& options);

    void zeroGrad();  // drops the gradients
    void step();
    void setLearningRate(double lr) { options_.learningRate = lr; }

    const std::vector<at::Tensor>& parameters() const { return parameters_; }
    std::int64_t stepCount() const { return steps_; }
    const std::vector<at::Tensor>& firstMoments() const { return firstMoments_; }
    const std::vector<at::Tensor>& secondMoments() const { return secondMoments_; }
    // Replaces the state by a saved one (one moment per parameter, same shapes and dtypes); ConfigError
    // naming the parameter index otherwise.
    void restoreState(std::int64_t stepCount, const std::vector<at::Tensor>& firstMoments,
                      const std::vector<at::Tensor>& secondMoments);

private:
    std::vector<at::Tensor> parameters_;
    AdamWOptions options_;
    std::vector<at::Tensor> firstMoments_, secondMoments_;
    std::int64_t steps_ = 0;
};

}  // namespace redit
