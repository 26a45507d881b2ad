#pragma once
#include <ATen/ATen.h>

namespace redit {

// Contrastive InfoNCE loss over attribution vectors (docs/method.md section 7), summed over anchors:
//   L = - sum_i log( exp(<a_i,p_i>/tau) / (exp(<a_i,p_i>/tau) + sum_j exp(<a_i,n_ij>/tau)) )
// with every vector L2-normalised first. anchors [N, D], positives [N, D], negatives [N, M, D] (M >= 0).
// Differentiable in all three; returns a scalar in the inputs' dtype. Throws ConfigError for mismatched
// shapes or a temperature <= 0.
at::Tensor infoNceLoss(const at::Tensor& anchors, const at::Tensor& positives, const at::Tensor& negatives,
                       double temperature);

}  // namespace redit
