#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace redit {

class ProjectStore;

// The computation graph a circuit's edge scores are indexed by (nodes and edge order of one model).
// Identical specs are stored once.
std::int64_t addGraphSpec(ProjectStore& store, const nlohmann::json& spec, std::int64_t edgeCount,
                          std::optional<std::int64_t> modelId = std::nullopt);

// Edge scores of one circuit, stored as a little-endian float32 BLOB (4 bytes per edge). Not named Circuit:
// that is the selected circuit of circuits/circuit.h, and two classes of one name break the one-definition rule.
struct StoredCircuit {
    std::int64_t id = 0;
    std::int64_t runId = 0;
    std::int64_t graphSpecId = 0;
    std::string name;
    std::optional<std::int64_t> instanceId;
    std::vector<float> scores;  // one per edge of the graph spec; empty in listCircuits
};

// ConfigError when the score count differs from the graph spec's edge count.
std::int64_t saveCircuit(ProjectStore& store, const StoredCircuit& circuit);
// FileError when the stored BLOB does not hold the circuit's edge count; ConfigError for an unknown id.
StoredCircuit loadCircuit(const ProjectStore& store, std::int64_t circuitId);
std::vector<StoredCircuit> listCircuits(const ProjectStore& store, std::int64_t runId);

}  // namespace redit
