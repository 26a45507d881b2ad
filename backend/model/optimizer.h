#pragma once
#include <ATen/ATen.h>
#include <memory>
#include <vector>

namespace redit {

struct AdamWOptions {
    double learningRate = 1e-3;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    double weightDecay = 0.01;
};

// AdamW over a list of tensors (LibTorch's implementation behind a small interface, so that only one
// source file pays for the C++ frontend headers).
class AdamW {
public:
    AdamW(std::vector<at::Tensor> parameters, const AdamWOptions& options);
    ~AdamW();
    AdamW(AdamW&&) noexcept;
    AdamW& operator=(AdamW&&) noexcept;

    void zeroGrad();
    void step();
    void setLearningRate(double lr);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace redit
