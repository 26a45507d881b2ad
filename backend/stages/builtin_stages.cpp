#include "stages/builtin_stages.h"

#include "jobs/stage_registry.h"
#include "stages/compare_chunk_processes.h"
#include "stages/pipeline_stages.h"
#include "stages/eval_stage.h"
#include "stages/train_tiny_stage.h"

namespace redit {

void registerBuiltinStages(StageRegistry& registry) {
    registry.add(trainTinyStage());
    registry.add(evalStage());
    stages::registerPipelineStages(registry);  // circuits, distances
}

void registerBuiltinStages(StageRegistry& registry, std::function<stages::ChunkProcessOptions()> sideBySide) {
    registerBuiltinStages(registry);
    stages::registerPipelineStages(registry, stages::CompareExecution{stages::chunkProcessesAsConfigured(std::move(sideBySide)), {}, {}});
}

}  // namespace redit
