#pragma once
// The `lora_layers` parameter shared by the stages that make LoRA edits (interference, compare): which
// decoder layers get adapters. Restricting them to a few late layers keeps the backward pass of an edit short
// on a large model (docs/editing.md).
#include <cmath>
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "jobs/field_specs.h"
#include "util/error.h"

namespace redit::stages {

inline FieldSpec loraLayersField() {
    return schema::field("lora_layers", FieldSpec::Type::Array, "Decoder layers given LoRA adapters (empty: every layer)",
                         nlohmann::json::array());
}

// ConfigError unless the parameter is an array of non-negative integers (the model checks the upper bound).
inline std::vector<int64_t> loraLayersParam(const nlohmann::json& params) {
    std::vector<int64_t> layers;
    for (const nlohmann::json& layer : params.at("lora_layers")) {
        // A configuration file may spell a layer 24.0: any whole non-negative number is a layer.
        if (!layer.is_number() || layer.get<double>() < 0 || layer.get<double>() != std::floor(layer.get<double>()))
            throw ConfigError("'lora_layers' must list decoder layer numbers (non-negative integers), not " + layer.dump());
        layers.push_back(static_cast<int64_t>(layer.get<double>()));
    }
    return layers;
}

}  // namespace redit::stages
