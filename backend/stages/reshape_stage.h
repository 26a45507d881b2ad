#pragma once
// The job-engine stage "reshape": REdit circuit reshaping of a model folder on a dataset's patterns
// (reshape/circuit_reshaper.h). Params: model, data (required), split_seed, output (model folder to write,
// relative to the project file's folder; empty: reshaped/run-<id>), and every ReshapeOptions field:
// granularity, temperature, meta_iterations, tasks_per_iteration, anchors_per_task, negatives_per_anchor,
// inner_steps, inner_lr, outer_lr, meta_learning, null_space_protection, rho, prediction_preservation,
// kl_weight, preserve_batch, trainable; the run's seed seeds pairs and tasks. A checkpoint "reshape" is
// committed after every meta-iteration (a cancelled run resumes where it stopped, bit-identically), the loss
// terms are recorded as metrics per iteration, and the reshaped model is written as a model folder, added to
// the models table and recorded as the run's artifact "reshaped-model" (JSON: path, content hash, model id).
#include <nlohmann/json.hpp>

#include "jobs/stage_registry.h"
#include "reshape/circuit_reshaper.h"

namespace redit::stages {

StageInfo reshapeStage();

// The options of validated params (defaults filled); `seed` is the run's seed.
ReshapeOptions reshapeOptionsFromParams(const nlohmann::json& params, std::uint64_t seed);

}  // namespace redit::stages
