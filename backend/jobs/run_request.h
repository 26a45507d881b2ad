#pragma once
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "jobs/config_schema.h"

namespace redit {

class ProjectStore;
class StageRegistry;

// The fields of a run config around the stage's own params (kind, name, seed, device, model_id, dataset_id,
// params), with their defaults.
const ConfigSchema& runRequestSchema();

// Creates a pending run from a run config:
//   {"kind": "eval", "name": "...", "seed": 0, "device": "cpu", "model_id": 1, "dataset_id": 2,
//    "params": {...stage fields...}}
// Only "kind" is required. The params are validated against the stage's schema and stored with their
// defaults filled in; the stored config is the whole request. ConfigError naming the field otherwise.
std::int64_t submitRun(ProjectStore& store, const StageRegistry& registry, const nlohmann::json& request);

}  // namespace redit
