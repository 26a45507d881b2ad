#include "edit/rome.h"
#include <ATen/core/grad_mode.h>

#include "edit/mlp_keys.h"
#include "model/scoring.h"
#include "util/error.h"

namespace redit {

at::Tensor romeUpdate(const at::Tensor& weight, const at::Tensor& key, const at::Tensor& value, const at::Tensor& covariance) {
    if (weight.dim() != 2 || key.dim() != 1 || value.dim() != 1 || key.size(0) != weight.size(1) ||
        value.size(0) != weight.size(0) || covariance.sizes() != at::IntArrayRef{weight.size(1), weight.size(1)})
        throw ConfigError("ROME: weight [out, in], key [in], value [out] and covariance [in, in] do not match");
    at::NoGradGuard noGrad;
    const at::Tensor W = weight.detach().to(at::kDouble), k = key.detach().to(at::kDouble);
    const at::Tensor v = value.detach().to(at::kDouble).to(W.device());
    const at::Tensor C = covariance.detach().to(W.device(), at::kDouble);
    auto [solution, info] = at::linalg_solve_ex(C, k.unsqueeze(1));
    if (info.item<int64_t>() != 0) throw Error("ROME: the key covariance is singular (use a covariance ridge)");
    const at::Tensor u = solution.squeeze(1);  // C^-1 k
    const double denominator = at::dot(u, k).item<double>();
    if (!(denominator > 0)) throw Error("ROME: k^T C^-1 k is not positive; the covariance is not positive definite");
    return at::outer(v - at::mv(W, k), u) / denominator;
}

RomeResult romeEdit(DecoderModel& model, const std::vector<AnswerExample>& edits, const RomeOptions& options,
                    const std::vector<std::vector<int32_t>>& covarianceSample, const at::Tensor& precomputedCovariance) {
    if (options.covarianceRidge < 0) throw ConfigError("ROME: the covariance ridge must be >= 0");
    const int64_t width = model.config().intermediateSize;
    at::Tensor C;
    if (precomputedCovariance.defined()) {
        if (precomputedCovariance.sizes() != at::IntArrayRef{width, width})
            throw ConfigError("ROME: the precomputed covariance must be " + std::to_string(width) + " x " +
                              std::to_string(width));
        C = precomputedCovariance;
    } else {
        if (covarianceSample.empty()) throw ConfigError("ROME needs a covariance or prompts to estimate it on");
        C = keySecondMoment(model, options.layer, covarianceSample, options.padId, options.batchSize);
    }
    C = C.to(at::kDouble);
    if (options.covarianceRidge > 0)
        C = C + at::eye(width, C.options()) * (options.covarianceRidge * C.diagonal().mean().item<double>());

    RomeResult result;
    result.target = optimizeTargetValue(model, options.layer, edits, options.value, options.padId);
    std::vector<std::vector<int32_t>> prompts;
    for (const auto& e : edits) prompts.push_back(e.prompt);
    result.key = lastTokenKeys(model, makeLeftPaddedBatch(prompts, options.padId, model.device()), options.layer).mean(0);
    result.value = result.target.value;
    result.nllBefore = answerNll(model, edits, options.padId);

    Linear& down = model.weights().layers[static_cast<size_t>(options.layer)].down;
    at::NoGradGuard noGrad;
    // The update is solved for the layer's whole current map (bias and any enabled adapter included).
    const at::Tensor current = down.forward(result.key.unsqueeze(0)).squeeze(0);
    const at::Tensor wanted = at::mv(down.weight.to(at::kDouble), result.key.to(at::kDouble)) +
                              (result.value.to(at::kDouble) - current.to(at::kDouble));
    down.weight.add_(romeUpdate(down.weight, result.key, wanted, C).to(down.weight.scalar_type()));
    result.nllAfter = answerNll(model, edits, options.padId);
    return result;
}

}  // namespace redit
