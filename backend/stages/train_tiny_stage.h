#pragma once
// Stage `train-tiny`: trains the built-in demo model (demo/logic_tiny.h) from its recipe, checkpointing
// every `checkpoint_every` steps so an interrupted run resumes from its last checkpoint with the same
// result, then writes the model folder and records it in the project's models table.
#include "jobs/stage_registry.h"
#include "demo/logic_tiny.h"

namespace redit {

StageInfo trainTinyStage();

// The recipe described by validated train-tiny params; ConfigError for an inconsistent architecture or a
// rule list that is not strings.
demo::LogicTinyRecipe recipeFromParams(const nlohmann::json& params);

}  // namespace redit
