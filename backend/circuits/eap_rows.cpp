#include "circuits/eap_rows.h"

#include <torch/csrc/autograd/autograd.h>

#include <vector>

namespace redit {

namespace {

// [B, T, D] -> [1, B, T * D]; per-head [B, T, H, D] -> [H, B, T * D].
at::Tensor nodeRows(const at::Tensor& t) {
    return t.dim() == 4 ? t.permute({2, 0, 1, 3}).reshape({t.size(2), t.size(0), -1}) : t.reshape({1, t.size(0), -1});
}

}  // namespace

at::Tensor upstreamRows(const UpstreamOutputs& outputs) {
    std::vector<at::Tensor> rows{nodeRows(outputs.embedding)};
    for (size_t l = 0; l < outputs.heads.size(); ++l) {
        rows.push_back(nodeRows(outputs.heads[l]));
        rows.push_back(nodeRows(outputs.mlps[l]));
    }
    return at::cat(rows, 0);
}

at::Tensor downstreamGradientRows(const at::Tensor& metric, const DownstreamInputs& inputs, bool createGraph) {
    std::vector<at::Tensor> leaves;
    for (size_t l = 0; l < inputs.query.size(); ++l)
        for (const at::Tensor& t : {inputs.query[l], inputs.key[l], inputs.value[l], inputs.mlp[l]}) leaves.push_back(t);
    leaves.push_back(inputs.logits);
    const std::vector<at::Tensor> grads = torch::autograd::grad({metric}, leaves, {}, createGraph, createGraph, true);
    std::vector<at::Tensor> rows;
    for (size_t i = 0; i < leaves.size(); ++i)
        rows.push_back(nodeRows(grads[i].defined() ? grads[i] : at::zeros_like(leaves[i])));
    return at::cat(rows, 0);
}

}  // namespace redit
