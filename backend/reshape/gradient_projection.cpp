#include "reshape/gradient_projection.h"

#include "util/error.h"

namespace redit {

at::Tensor flattenGradients(const std::vector<at::Tensor>& gradients, const std::vector<at::Tensor>& parameters) {
    if (gradients.size() != parameters.size())
        throw ConfigError("gradient projection: " + std::to_string(gradients.size()) + " gradients for " +
                          std::to_string(parameters.size()) + " parameters");
    if (parameters.empty()) throw ConfigError("gradient projection: no parameters");
    const at::ScalarType type = at::promote_types(parameters.front().scalar_type(), at::kFloat);
    std::vector<at::Tensor> parts;
    for (size_t i = 0; i < parameters.size(); ++i) {
        const at::Tensor& g = gradients[i];
        if (g.defined() && g.sizes() != parameters[i].sizes())
            throw ConfigError("gradient projection: gradient " + std::to_string(i) + " does not match its parameter");
        parts.push_back(g.defined() ? g.reshape(-1).to(type)
                                    : at::zeros({parameters[i].numel()}, parameters[i].options().dtype(type)));
    }
    return at::cat(parts);
}

std::vector<at::Tensor> unflattenLike(const at::Tensor& flat, const std::vector<at::Tensor>& parameters) {
    int64_t total = 0;
    for (const auto& p : parameters) total += p.numel();
    if (flat.dim() != 1 || flat.numel() != total)
        throw ConfigError("gradient projection: flat vector has " + std::to_string(flat.numel()) +
                          " entries, the parameters " + std::to_string(total));
    std::vector<at::Tensor> out;
    int64_t offset = 0;
    for (const auto& p : parameters) {
        out.push_back(flat.narrow(0, offset, p.numel()).view(p.sizes()).to(p.scalar_type()));
        offset += p.numel();
    }
    return out;
}

at::Tensor projectOut(const at::Tensor& gradient, const at::Tensor& g, double rho, double eps) {
    if (gradient.sizes() != g.sizes()) throw ConfigError("gradient projection: vectors of different lengths");
    return gradient - (rho * at::dot(gradient, g) / (at::dot(g, g) + eps)) * g;
}

std::vector<at::Tensor> projectGradients(const std::vector<at::Tensor>& gradients,
                                         const std::vector<at::Tensor>& protectedGradients,
                                         const std::vector<at::Tensor>& parameters, double rho, double eps) {
    at::Tensor flat = flattenGradients(gradients, parameters);
    at::Tensor g = flattenGradients(protectedGradients, parameters);
    return unflattenLike(projectOut(flat, g, rho, eps), parameters);
}

}  // namespace redit
