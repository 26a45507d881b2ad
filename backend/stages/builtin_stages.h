#pragma once
#include <functional>

#include "stages/chunk_process_options.h"

namespace redit {

class StageRegistry;

// Adds every stage this build implements (train-tiny, eval). The CLI and the GUI call it once at start-up
// on globalStageRegistry().
void registerBuiltinStages(StageRegistry& registry);
// The same, with the compare stage handing its chunks to `redit compare-chunk` processes as `sideBySide` says
// when each run starts (the workbench's setting, which may change between runs; one process: in turn).
void registerBuiltinStages(StageRegistry& registry, std::function<stages::ChunkProcessOptions()> sideBySide);

}  // namespace redit
