#pragma once
// REdit's reshaping (pipeline::reshapeOnPatterns) as the comparison's Reshaper, with each ablation switching
// one part off: w/o meta-learning (metaLearning = false), w/o null-space protection, w/o prediction
// preservation. The seed of each reshape is the chunk's seed.
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "model/tokenizer.h"
#include "pipeline/edit_comparison.h"
#include "reshape/circuit_reshaper.h"

namespace redit::pipeline {

// Reshape options from a JSON object with any of: granularity ("node"|"edge"), temperature, meta_iterations,
// tasks_per_iteration, anchors_per_task, negatives_per_anchor, inner_steps, inner_lr, outer_lr,
// meta_learning, null_space_protection, rho, prediction_preservation, kl_weight, preserve_batch, trainable
// (array of name parts). Missing keys keep ReshapeOptions' defaults. The reshape stage reads its params
// through this function too, so both spell the options the same way.
// ConfigError naming an unknown key or a value of the wrong type.
ReshapeOptions reshapeOptionsFromJson(const nlohmann::json& json);

// The options for one REdit variant (the ablation's part switched off) and seed. ConfigError for a method
// that does not reshape.
ReshapeOptions reshapeOptionsFor(ReshapeOptions options, EditMethod variant, uint64_t seed);

// Reshapes a deep copy of the base; `log` gets one line per reshape (its final contrastive loss, KL and
// cosines) when given.
Reshaper reditReshaper(const Tokenizer& tokenizer, const ReshapeOptions& options,
                       const std::function<void(const std::string&)>& log);

}  // namespace redit::pipeline
