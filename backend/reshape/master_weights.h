#pragma once
#include <ATen/ATen.h>
#include <vector>

namespace redit {

// fp32 master copies of a model's parameters (docs/method.md section 7): in bf16 an update smaller than half a
// unit in the last place of a weight rounds away, so many small steps are lost. Updates go to the fp32
// copies, which are then rounded into the model's tensors; small steps accumulate in the masters until they
// show. For fp32/fp64 models the masters are plain copies in the same precision.
class MasterWeights {
public:
    // Keeps references to the model's tensors and makes full-precision copies of them.
    explicit MasterWeights(std::vector<at::Tensor> modelParameters);

    // The full-precision copies, e.g. for an optimiser; call syncToModel() after changing them.
    const std::vector<at::Tensor>& masters() const { return masters_; }

    // masters += deltas (one per parameter, any float type), then syncToModel().
    void add(const std::vector<at::Tensor>& deltas);
    // Rounds the masters into the model's tensors (in place, without autograd).
    void syncToModel();
    // Re-reads the model's tensors into the masters (after the model was changed by other means).
    void syncFromModel();

private:
    std::vector<at::Tensor> model_;
    std::vector<at::Tensor> masters_;
};

}  // namespace redit
