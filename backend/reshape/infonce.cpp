#include "reshape/infonce.h"

#include "util/error.h"

namespace redit {

namespace {
at::Tensor unitRows(const at::Tensor& x) { return x / x.norm(2, -1, true).clamp_min(1e-12); }
}  // namespace

at::Tensor infoNceLoss(const at::Tensor& anchors, const at::Tensor& positives, const at::Tensor& negatives,
                       double temperature) {
    if (temperature <= 0) throw ConfigError("InfoNCE temperature must be positive");
    if (anchors.dim() != 2 || positives.sizes() != anchors.sizes())
        throw ConfigError("InfoNCE needs anchors and positives of the same shape [N, D]");
    if (negatives.dim() != 3 || negatives.size(0) != anchors.size(0) || negatives.size(2) != anchors.size(1))
        throw ConfigError("InfoNCE needs negatives of shape [N, M, D] matching the anchors");
    at::Tensor a = unitRows(anchors);
    at::Tensor positive = (a * unitRows(positives)).sum(-1, true) / temperature;             // [N, 1]
    at::Tensor negative = at::einsum("nd,nmd->nm", {a, unitRows(negatives)}) / temperature;  // [N, M]
    // -log(e^p / (e^p + sum e^n)) = logsumexp([p, n...]) - p, stable for small temperatures.
    at::Tensor all = at::cat({positive, negative}, 1);
    return (at::logsumexp(all, 1) - positive.squeeze(1)).sum();
}

}  // namespace redit
