#pragma once
#include <ATen/ATen.h>
#include <vector>

namespace redit {

// Reptile's outer update (docs/method.md section 7): theta <- theta + eta * mean_i (phi_i - theta), where phi_i
// is the result of task i's inner loop started from theta. Task results are accumulated one at a time, so
// only one sum of differences is kept rather than a copy of the parameters per task. The update uses the
// mean over all tasks, not the last task's weights (the reference code's bug).
class ReptileAccumulator {
public:
    // theta: the parameters at the start of the meta-iteration (copied).
    explicit ReptileAccumulator(const std::vector<at::Tensor>& theta);

    // Adds one task's parameters phi_i (same shapes as theta). Throws ConfigError on a shape mismatch.
    void addTask(const std::vector<at::Tensor>& phi);
    int64_t tasks() const { return tasks_; }

    // Writes theta + eta * mean_i (phi_i - theta) into `parameters` in place (no autograd), typically the
    // model's parameters after the last task. Throws ConfigError when no task was added.
    void apply(const std::vector<at::Tensor>& parameters, double eta) const;

private:
    std::vector<at::Tensor> theta_;
    std::vector<at::Tensor> differenceSum_;  // at least fp32
    int64_t tasks_ = 0;
};

}  // namespace redit
