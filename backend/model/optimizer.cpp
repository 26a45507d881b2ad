#include "model/optimizer.h"

#include <ATen/core/grad_mode.h>
#include <cmath>

#include "util/error.h"

namespace redit {

AdamW::AdamW(std::vector<at::Tensor> parameters, const AdamWOptions& options)
    : parameters_(std::move(parameters)), options_(options) {
    for (const auto& p : parameters_) {
        firstMoments_.push_back(at::zeros_like(p, at::MemoryFormat::Contiguous));
        secondMoments_.push_back(at::zeros_like(p, at::MemoryFormat::Contiguous));
    }
}

void AdamW::zeroGrad() {
    for (auto& p : parameters_)
        if (p.grad().defined()) p.mutable_grad() = at::Tensor();
}

void AdamW::step() {
    at::NoGradGuard noGrad;
    ++steps_;
    const AdamWOptions& o = options_;
    const double biasCorrection1 = 1 - std::pow(o.beta1, double(steps_));
    const double biasCorrection2 = 1 - std::pow(o.beta2, double(steps_));
    for (size_t i = 0; i < parameters_.size(); ++i) {
        at::Tensor& p = parameters_[i];
        const at::Tensor& g = p.grad();
        if (!g.defined()) continue;
        p.mul_(1 - o.learningRate * o.weightDecay);
        firstMoments_[i].mul_(o.beta1).add_(g, 1 - o.beta1);
        secondMoments_[i].mul_(o.beta2).addcmul_(g, g, 1 - o.beta2);
        at::Tensor denominator = (secondMoments_[i].sqrt() / std::sqrt(biasCorrection2)).add_(o.eps);
        p.addcdiv_(firstMoments_[i], denominator, -o.learningRate / biasCorrection1);
    }
}

void AdamW::restoreState(std::int64_t stepCount, const std::vector<at::Tensor>& firstMoments,
                         const std::vector<at::Tensor>& secondMoments) {
    if (stepCount < 0) throw ConfigError("optimizer state: negative step count");
    if (firstMoments.size() != parameters_.size() || secondMoments.size() != parameters_.size())
        throw ConfigError("optimizer state: " + std::to_string(firstMoments.size()) + " moments for " +
                          std::to_string(parameters_.size()) + " parameters");
    for (size_t i = 0; i < parameters_.size(); ++i)
        for (const at::Tensor* m : {&firstMoments[i], &secondMoments[i]})
            if (!m->defined() || m->sizes() != parameters_[i].sizes() || m->scalar_type() != parameters_[i].scalar_type())
                throw ConfigError("optimizer state: moment of parameter " + std::to_string(i) +
                                  " does not match the parameter's shape or dtype");
    at::NoGradGuard noGrad;
    for (size_t i = 0; i < parameters_.size(); ++i) {
        firstMoments_[i].copy_(firstMoments[i]);
        secondMoments_[i].copy_(secondMoments[i]);
    }
    steps_ = stepCount;
}

}  // namespace redit
