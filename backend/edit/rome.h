#pragma once
// ROME (Meng et al. 2022): a closed-form rank-one update of one MLP down-projection W that makes it map the
// edit key k* to the value v*, while disturbing other keys as little as possible under their covariance C:
//   W <- W + (v* - W k*) (C^-1 k*)^T / ((C^-1 k*)^T k*).
#include <ATen/ATen.h>
#include <cstdint>
#include <vector>

#include "edit/target_value.h"
#include "model/answer_training.h"
#include "model/decoder.h"

namespace redit {

struct RomeOptions {
    int64_t layer = 0;
    ValueOptimizationOptions value;
    // C + ridge * (trace C / n) I is used, so a covariance from few samples stays invertible.
    double covarianceRidge = 0.0;
    int64_t padId = 0;
    int64_t batchSize = 16;  // for the covariance estimate
};

// The update (v - W k) (C^-1 k)^T / ((C^-1 k)^T k) in fp64: weight [out, in], key [in], value [out], covariance
// [in, in]. `value` is what W k should become (subtract a bias first). Throws Error when C is singular or
// k^T C^-1 k is not positive, ConfigError on mismatched shapes.
at::Tensor romeUpdate(const at::Tensor& weight, const at::Tensor& key, const at::Tensor& value, const at::Tensor& covariance);

struct RomeResult {
    at::Tensor key;    // k*: mean last-token key of the edit prompts
    at::Tensor value;  // v*: the optimised MLP output
    TargetValue target;
    double nllBefore = 0;  // mean NLL of the target answers on the edit prompts, before and after the update
    double nllAfter = 0;
};

// Edits the model in place (layer `options.layer`'s down-projection; an attached adapter on it is left as is
// and counted in W k*). The covariance is `precomputedCovariance` when defined, otherwise estimated on
// `covarianceSample`. Throws ConfigError when neither is given or the covariance has the wrong shape.
RomeResult romeEdit(DecoderModel& model, const std::vector<AnswerExample>& edits, const RomeOptions& options,
                    const std::vector<std::vector<int32_t>>& covarianceSample,
                    const at::Tensor& precomputedCovariance = {});

}  // namespace redit
