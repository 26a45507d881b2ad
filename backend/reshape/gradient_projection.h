#pragma once
#include <ATen/ATen.h>
#include <vector>

namespace redit {

// Null-space protection (docs/method.md section 7): the contrastive gradient loses (a share rho of) its component
// along the gradient g of the prediction loss,
//   grad <- grad - rho * <grad, g> / (<g, g> + eps) * g,
// over all trainable parameters at once (flattened). rho = 1 removes the component entirely, rho = 0 is the
// identity.

// Concatenates gradients into one vector (at least fp32); an undefined gradient (a parameter the loss does
// not reach) counts as zeros of its parameter's shape. Throws ConfigError when the lists differ in length.
at::Tensor flattenGradients(const std::vector<at::Tensor>& gradients, const std::vector<at::Tensor>& parameters);

// Splits a flat vector back into tensors shaped and typed like `parameters`.
std::vector<at::Tensor> unflattenLike(const at::Tensor& flat, const std::vector<at::Tensor>& parameters);

// The projection on flat vectors of equal length.
at::Tensor projectOut(const at::Tensor& gradient, const at::Tensor& protectedDirection, double rho, double eps = 1e-12);

// The projection on per-parameter gradient lists; returns gradients shaped like `parameters`.
std::vector<at::Tensor> projectGradients(const std::vector<at::Tensor>& gradients,
                                         const std::vector<at::Tensor>& protectedGradients,
                                         const std::vector<at::Tensor>& parameters, double rho, double eps = 1e-12);

}  // namespace redit
