#include "edit/alphaedit.h"

#include <ATen/core/grad_mode.h>
#include <cmath>

#include "edit/mlp_keys.h"
#include "model/scoring.h"
#include "util/error.h"

namespace redit {

at::Tensor nullSpaceProjector(const at::Tensor& secondMoment, double threshold) {
    if (secondMoment.dim() != 2 || secondMoment.size(0) != secondMoment.size(1))
        throw ConfigError("AlphaEdit: the keys' second moment must be a square matrix");
    if (threshold < 0) throw ConfigError("AlphaEdit: the null-space threshold must be >= 0");
    at::NoGradGuard noGrad;
    const at::Tensor G = secondMoment.detach().to(at::kDouble);
    auto [values, vectors] = at::linalg_eigh((G + G.t()) / 2);  // symmetrised against rounding
    const at::Tensor U = vectors.index({at::indexing::Slice(), values.lt(threshold)});
    return at::matmul(U, U.t());
}

int64_t projectorRank(const at::Tensor& projector) {
    return static_cast<int64_t>(std::llround(projector.trace().item<double>()));
}

at::Tensor alphaEditUpdate(const at::Tensor& editKeys, const at::Tensor& residuals, const at::Tensor& projector) {
    if (editKeys.dim() != 2 || residuals.dim() != 2 || residuals.size(1) != editKeys.size(1) ||
        projector.sizes() != at::IntArrayRef{editKeys.size(0), editKeys.size(0)})
        throw ConfigError("AlphaEdit: keys [in, n], residuals [out, n] and projector [in, in] do not match");
    at::NoGradGuard noGrad;
    const at::Tensor K1 = editKeys.detach().to(at::kDouble);
    const at::Tensor R = residuals.detach().to(K1.device(), at::kDouble);
    const at::Tensor P = projector.detach().to(K1.device(), at::kDouble);
    const at::Tensor M = at::matmul(at::matmul(K1, K1.t()), P) + at::eye(K1.size(0), K1.options());
    // Delta = (R K1^T P) M^-1, i.e. Delta M = R K1^T P: solved from the right.
    return at::linalg_solve(M, at::matmul(at::matmul(R, K1.t()), P), /*left=*/false);
}

AlphaEditResult alphaEdit(DecoderModel& model, const std::vector<AnswerExample>& edits, const AlphaEditOptions& options,
                          const std::vector<std::vector<int32_t>>& preservedPrompts,
                          const at::Tensor& precomputedSecondMoment) {
    if (edits.empty()) throw ConfigError("AlphaEdit needs at least one edit prompt");
    const int64_t width = model.config().intermediateSize;
    at::Tensor secondMoment;
    if (precomputedSecondMoment.defined()) {
        if (precomputedSecondMoment.sizes() != at::IntArrayRef{width, width})
            throw ConfigError("AlphaEdit: the precomputed key second moment must be " + std::to_string(width) + " x " +
                              std::to_string(width));
        secondMoment = precomputedSecondMoment;
    } else {
        if (preservedPrompts.empty()) throw ConfigError("AlphaEdit needs the keys' second moment or prompts to preserve");
        secondMoment = keySecondMoment(model, options.layer, preservedPrompts, options.padId, options.batchSize);
    }
    const at::Tensor P = nullSpaceProjector(secondMoment, options.nullSpaceThreshold);

    AlphaEditResult result;
    result.nullSpaceDimension = projectorRank(P);
    result.nllBefore = answerNll(model, edits, options.padId);
    std::vector<at::Tensor> targets;
    std::vector<std::vector<int32_t>> prompts;
    for (const auto& e : edits) {
        targets.push_back(optimizeTargetValue(model, options.layer, {e}, options.value, options.padId).value);
        prompts.push_back(e.prompt);
    }
    const at::Tensor keys = lastTokenKeys(model, makeLeftPaddedBatch(prompts, options.padId, model.device()), options.layer);
    Linear& down = model.weights().layers[static_cast<size_t>(options.layer)].down;
    at::NoGradGuard noGrad;
    const at::Tensor V = at::stack(targets, 1).to(at::kDouble);  // [out, n]
    result.keys = keys.t().to(at::kDouble);
    result.editKeyNullSpaceShare =
        at::matmul(P.to(result.keys.device()), result.keys).norm().item<double>() / result.keys.norm().item<double>();
    result.residuals = V - down.forward(keys).t().to(at::kDouble);
    result.residualNormBefore = result.residuals.norm().item<double>();
    down.weight.add_(alphaEditUpdate(result.keys, result.residuals, P).to(down.weight.scalar_type()));
    result.residualNormAfter = (V - down.forward(keys).t().to(at::kDouble)).norm().item<double>();
    result.nllAfter = answerNll(model, edits, options.padId);
    return result;
}

}  // namespace redit
