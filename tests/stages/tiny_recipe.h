#pragma once
// A train-tiny recipe small enough for tests: one narrow layer on a corpus of a few hundred examples.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace redit::testing {

inline nlohmann::json tinyTrainParams(const std::string& output, std::int64_t steps, std::int64_t checkpointEvery) {
    return {{"output", output},     {"checkpoint_every", checkpointEvery},
            {"level1_per_pattern", 20}, {"level2_per_pattern", 2},
            {"layers", 1},          {"hidden", 16},
            {"heads", 2},           {"key_value_heads", 1},
            {"intermediate", 32},   {"steps", steps},
            {"batch_size", 16},     {"learning_rate", 1e-2},
            {"threads", 1}};
}

}  // namespace redit::testing
