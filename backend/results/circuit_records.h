#pragma once
// Pattern circuits in a project (results layer: torch-free, in redit_core): one `circuits` run holding each pattern's scores ("<pattern>") and its two
// halves ("<pattern>/A", "<pattern>/B") as stored circuits of one graph spec, and that spec with the pair
// count as the one row of its result table "circuit_graph".
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "circuits/graph.h"
#include "store/runs.h"

namespace redit {
class ProjectStore;
}

namespace redit::results {

// Edge scores in the graph's edge order: w(e) = mean of EAP over the pattern's K pairs, and the means over
// halves A (the first ceil(K / 2) pairs) and B (the rest), whose distance is the same-pattern distance.
struct PatternScores {
    std::string patternId;
    int64_t pairs = 0;
    std::vector<double> all, halfA, halfB;
};

// {"granularity": "edge", "layers", "heads", "key_value_heads"}: what the edge order depends on.
nlohmann::json graphSpecJson(const GraphShape& shape);
GraphShape graphShapeFromSpec(const nlohmann::json& spec, const std::string& source);  // FileError(source, ...)

// Writes the circuits of run `runId` (in the caller's transaction, e.g. a job's commitStep).
void writeCircuits(ProjectStore& store, int64_t runId, std::optional<int64_t> modelId, const GraphShape& shape,
                   const std::vector<PatternScores>& patterns);
// Records a finished run of kind "circuits" holding them.
int64_t saveCircuitRun(ProjectStore& store, NewRun run, const GraphShape& shape, const std::vector<PatternScores>& patterns);

struct CircuitRun {
    int64_t runId = 0;
    GraphShape shape;
    std::vector<PatternScores> patterns;  // in the order they were saved; scores as stored (float32)
    struct Ids {
        int64_t all = 0, halfA = 0, halfB = 0;
    };
    std::vector<Ids> circuitIds;  // per pattern
};

// FileError naming the project when the run's circuits are incomplete or do not match its graph.
CircuitRun loadCircuitRun(const ProjectStore& store, int64_t runId);

}  // namespace redit::results
