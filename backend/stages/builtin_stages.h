#pragma once

namespace redit {

class StageRegistry;

// Adds every stage this build implements (train-tiny, eval). The CLI and the GUI call it once at start-up
// on globalStageRegistry().
void registerBuiltinStages(StageRegistry& registry);

}  // namespace redit
