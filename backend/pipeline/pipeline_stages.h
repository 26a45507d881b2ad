#pragma once
// The law pipeline's steps as job-engine stages: "circuits" and "distances", and "interference" once an
// editor is available (the LoRA editor registers it with registerInterferenceStage).
#include "jobs/stage_registry.h"
#include "pipeline/interference.h"

namespace redit::pipeline {

// circuits: params model, data (required), pairs, ig_steps, memory_mb, split_seed; the run's seed seeds the
// pairs. distances: params budgets, circuits_run (0: the newest finished circuits run).
void registerPipelineStages(StageRegistry& registry);

// interference: params model, data (required), split_seed, batch.
void registerInterferenceStage(StageRegistry& registry, PatternEditor editor);

}  // namespace redit::pipeline
