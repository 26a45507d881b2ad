#pragma once
// Stage `eval`: per-pattern answer accuracy of a model folder on a dataset spec (edit/pattern_accuracy.h),
// written as the run's result table `pattern_accuracy` (one row per pattern, in dataset order) and the
// one-row table `eval_summary`. Patterns are scored in chunks; each chunk's rows are committed with a
// checkpoint, so a resumed run starts at the first unfinished chunk.
#include "jobs/stage_registry.h"

namespace redit {

StageInfo evalStage();

}  // namespace redit
