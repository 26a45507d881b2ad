#pragma once
// `redit pipeline`: one config runs the editing comparison on every level as resumable "compare" runs.
//
// {"model": "resources/models/logic-tiny",
//  "levels": [{"level": 1, "data": "synthetic:deductive:level1"}, ...],
//  "seeds": [0, 1, 2], "methods": ["Raw", "LoRA", ...], "transfer_patterns": 2, "batch": 64,
//  "lora": {"steps": .., "lr": .., "rank": .., "protocol": ..},
//  "locate_edit": {"layer": .., "value_steps": .., "value_lr": .., "value_weight_decay": .., "value_clamp": ..,
//                  "covariance_ridge": .., "null_space_threshold": .., "key_data": ..},
//  "reshape": {...redit_reshaper.h's keys...}}
// Everything but model and levels is optional (the compare stage's defaults).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "jobs/job.h"

namespace redit {
class ProjectStore;
class StageRegistry;
class CancelToken;
}  // namespace redit

namespace redit::stages {

// Every key a pipeline config may have: the top-level ones, and those of its sections as "lora.steps"
// (docs/cli.md documents each; tests/docs checks that).
std::vector<std::string> pipelineConfigKeys();

// One "compare" run request per level, the model folder as given. ConfigError naming an unknown or malformed key.
std::vector<nlohmann::json> compareRunRequests(const nlohmann::json& config);

struct PipelineRun {
    int64_t runId = 0;
    bool alreadyFinished = false;  // a finished run with the same params was found and skipped
    bool resumed = false;          // an unfinished run with the same params was continued
};

// Runs every level's request to its end: a finished run of the project with the same kind and params is
// reused, an interrupted, failed or cancelled one resumed, otherwise a new run created. Stops at the first
// run that does not finish (its status tells why: cancelled or failed; Error for a failed one).
std::vector<PipelineRun> runPipeline(ProjectStore& store, const StageRegistry& registry, const nlohmann::json& config,
                                     const CancelToken& token, const ProgressSink& sink = {});

}  // namespace redit::stages
