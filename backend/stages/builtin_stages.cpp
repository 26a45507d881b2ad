#include "stages/builtin_stages.h"

#include "jobs/stage_registry.h"
#include "stages/pipeline_stages.h"
#include "stages/eval_stage.h"
#include "stages/train_tiny_stage.h"

namespace redit {

void registerBuiltinStages(StageRegistry& registry) {
    registry.add(trainTinyStage());
    registry.add(evalStage());
    stages::registerPipelineStages(registry);  // circuits, distances
}

}  // namespace redit
