#include "reshape/master_weights.h"
#include <ATen/core/grad_mode.h>

#include "util/error.h"

namespace redit {

MasterWeights::MasterWeights(std::vector<at::Tensor> modelParameters) : model_(std::move(modelParameters)) {
    at::NoGradGuard noGrad;
    for (const auto& p : model_)
        masters_.push_back(p.detach().to(at::promote_types(p.scalar_type(), at::kFloat), false, /*copy=*/true));
}

void MasterWeights::add(const std::vector<at::Tensor>& deltas) {
    if (deltas.size() != masters_.size())
        throw ConfigError("master weights: " + std::to_string(deltas.size()) + " updates for " +
                          std::to_string(masters_.size()) + " parameters");
    at::NoGradGuard noGrad;
    for (size_t i = 0; i < deltas.size(); ++i) {
        if (deltas[i].sizes() != masters_[i].sizes())
            throw ConfigError("master weights: update " + std::to_string(i) + " has the wrong shape");
        masters_[i].add_(deltas[i].to(masters_[i].scalar_type()));
    }
    syncToModel();
}

void MasterWeights::syncToModel() {
    at::NoGradGuard noGrad;
    for (size_t i = 0; i < model_.size(); ++i) model_[i].copy_(masters_[i]);
}

void MasterWeights::syncFromModel() {
    at::NoGradGuard noGrad;
    for (size_t i = 0; i < model_.size(); ++i) masters_[i].copy_(model_[i]);
}

}  // namespace redit
