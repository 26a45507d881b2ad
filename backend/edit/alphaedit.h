#pragma once
// AlphaEdit (Fang et al. 2025): a least-squares update of one MLP down-projection restricted to the null
// space of the keys to preserve, so their outputs do not move:
//   P     = U U^T, U the eigenvectors of E[k0 k0^T] (K0 K0^T / n) with eigenvalue below a threshold,
//   Delta = R K1^T P (K1 K1^T P + I)^-1,  W <- W + Delta,
// K0 the n preserved keys, K1 the edit keys and R the residuals (target values minus current outputs), keys
// as columns. The threshold applies to the mean, not the sum, so that it does not depend on how many
// preserved tokens there are (docs/editing.md "AlphaEdit").
#include <ATen/ATen.h>
#include <cstdint>
#include <vector>

#include "edit/target_value.h"
#include "model/answer_training.h"
#include "model/decoder.h"

namespace redit {

struct AlphaEditOptions {
    int64_t layer = 0;
    ValueOptimizationOptions value;
    double nullSpaceThreshold = 1e-2;  // eigenvalues of the preserved keys' E[k k^T] below this span the null space
    int64_t padId = 0;
    int64_t batchSize = 16;  // for the preserved keys' second moment
};

// P (fp64, symmetric, P^2 = P) onto the eigenvectors of a key second moment (keySecondMoment in
// edit/mlp_keys.h) with eigenvalue below `threshold`. Throws ConfigError for a non-square matrix or a
// negative threshold.
at::Tensor nullSpaceProjector(const at::Tensor& secondMoment, double threshold);
// Dimension of the null space P projects onto (its trace, rounded).
int64_t projectorRank(const at::Tensor& projector);

// Delta in fp64: editKeys K1 [in, n], residuals R [out, n], projector P [in, in].
at::Tensor alphaEditUpdate(const at::Tensor& editKeys, const at::Tensor& residuals, const at::Tensor& projector);

struct AlphaEditResult {
    int64_t nullSpaceDimension = 0;
    // |P K1|_F / |K1|_F: how much of the edit keys lies in the null space. Near 0, the update can hardly move
    // their outputs: the residual left is R (G + I)^-1 with G = (P K1)^T (P K1).
    double editKeyNullSpaceShare = 0;
    at::Tensor keys;       // K1 [in, n]: each edit prompt's last-token key
    at::Tensor residuals;  // R [out, n] before the update
    double residualNormBefore = 0;  // |R|_F and |target - new output|_F on the edit keys
    double residualNormAfter = 0;
    double nllBefore = 0;  // mean NLL of the target answers on the edit prompts
    double nllAfter = 0;
};

// Edits the model in place: one target value per edit prompt (optimised as for ROME), then one update for
// all of them. The preserved keys' second moment is `precomputedSecondMoment` when defined (it is expensive on
// large models: callers store it per model and layer), otherwise computed on `preservedPrompts`. Throws
// ConfigError when neither is given or the matrix has the wrong shape.
AlphaEditResult alphaEdit(DecoderModel& model, const std::vector<AnswerExample>& edits, const AlphaEditOptions& options,
                          const std::vector<std::vector<int32_t>>& preservedPrompts,
                          const at::Tensor& precomputedSecondMoment = {});

}  // namespace redit
