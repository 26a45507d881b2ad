#include "model/optimizer.h"

#include <torch/optim/adamw.h>

namespace redit {

struct AdamW::Impl {
    torch::optim::AdamW optimizer;
    Impl(std::vector<at::Tensor> params, const AdamWOptions& o)
        : optimizer(std::move(params), torch::optim::AdamWOptions(o.learningRate)
                                           .betas({o.beta1, o.beta2})
                                           .eps(o.eps)
                                           .weight_decay(o.weightDecay)) {}
};

AdamW::AdamW(std::vector<at::Tensor> parameters, const AdamWOptions& options)
    : impl_(std::make_unique<Impl>(std::move(parameters), options)) {}
AdamW::~AdamW() = default;
AdamW::AdamW(AdamW&&) noexcept = default;
AdamW& AdamW::operator=(AdamW&&) noexcept = default;

void AdamW::zeroGrad() { impl_->optimizer.zero_grad(); }
void AdamW::step() { impl_->optimizer.step(); }

void AdamW::setLearningRate(double lr) {
    for (auto& group : impl_->optimizer.param_groups())
        static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
}

}  // namespace redit
