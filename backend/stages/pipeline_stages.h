#pragma once
// The law pipeline's steps as job-engine stages: "circuits", "distances", "interference", "law" and "reshape";
// and the editing comparison "compare" (compare_stage.h) with REdit's reshaper (redit_reshaper.h).
#include "jobs/stage_registry.h"
#include "stages/compare_stage.h"

namespace redit::stages {

// circuits: params model, data (required), pairs, ig_steps, memory_mb, split_seed; the run's seed seeds the
// pairs. distances: params budgets, circuits_run (0: the newest finished circuits run).
// interference: params model, data (required), split_seed, batch, and the LoRA edit's lora_steps, lora_lr,
// lora_rank, protocol; the run's seed seeds the adapters. law: params distances_run, interference_run (0: the
// newest finished ones), and the reference figure's reference_filter and window, off by default.
// reshape: stages/reshape_stage.h.
// `compareExecution` says how "compare" runs its chunks (compare_stage.h; by default in the calling process).
void registerPipelineStages(StageRegistry& registry, const CompareExecution& compareExecution = {});

}  // namespace redit::stages
