#include "reshape/reptile.h"
#include <ATen/core/grad_mode.h>

#include "util/error.h"

namespace redit {

namespace {
at::ScalarType accumulationType(const at::Tensor& t) { return at::promote_types(t.scalar_type(), at::kFloat); }

void checkShapes(const std::vector<at::Tensor>& expected, const std::vector<at::Tensor>& got, const char* what) {
    if (got.size() != expected.size())
        throw ConfigError(std::string("Reptile: ") + what + " has " + std::to_string(got.size()) +
                          " tensors, expected " + std::to_string(expected.size()));
    for (size_t i = 0; i < got.size(); ++i)
        if (got[i].sizes() != expected[i].sizes())
            throw ConfigError(std::string("Reptile: ") + what + " tensor " + std::to_string(i) + " has the wrong shape");
}
}  // namespace

ReptileAccumulator::ReptileAccumulator(const std::vector<at::Tensor>& theta) {
    at::NoGradGuard noGrad;
    for (const auto& t : theta) {
        theta_.push_back(t.detach().to(accumulationType(t), /*non_blocking=*/false, /*copy=*/true));
        differenceSum_.push_back(at::zeros_like(theta_.back()));
    }
}

void ReptileAccumulator::addTask(const std::vector<at::Tensor>& phi) {
    checkShapes(theta_, phi, "task result");
    at::NoGradGuard noGrad;
    for (size_t i = 0; i < phi.size(); ++i)
        differenceSum_[i].add_(phi[i].detach().to(differenceSum_[i].scalar_type()) - theta_[i]);
    ++tasks_;
}

void ReptileAccumulator::apply(const std::vector<at::Tensor>& parameters, double eta) const {
    if (tasks_ == 0) throw ConfigError("Reptile: no task results to average");
    checkShapes(theta_, parameters, "parameter list");
    at::NoGradGuard noGrad;
    for (size_t i = 0; i < parameters.size(); ++i) {
        at::Tensor updated = theta_[i] + differenceSum_[i] * (eta / double(tasks_));
        at::Tensor target = parameters[i];
        target.copy_(updated);
    }
}

}  // namespace redit
