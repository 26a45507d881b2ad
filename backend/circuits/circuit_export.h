#pragma once
// Writers for a circuit: Graphviz DOT for drawing, JSON for other tools (and for reading back).
#include <string>

#include <nlohmann/json.hpp>

#include "circuits/circuit.h"
#include "circuits/graph.h"

namespace redit {

// {"granularity", "layers", "heads", "key_value_heads",
//  "nodes": [{"name", "side": "upstream"|"downstream", "kind", "layer", "head"?}],   (nodes the circuit touches)
//  "edges": [{"index", "from", "to", "score"}]}                                        (in edge order)
nlohmann::json circuitToJson(const CircuitGraph& graph, const Circuit& circuit);

// Reads circuitToJson's output back against a graph; throws FileError(sourcePath, problem) naming the field
// or edge that is missing, malformed or not in the graph.
Circuit circuitFromJson(const CircuitGraph& graph, const nlohmann::json& json, const std::string& sourcePath);

// A left-to-right DOT digraph: one rank per layer, upstream nodes as boxes (input, heads, MLPs), downstream
// q/k/v inputs as small ellipses joined by grey arrows to the heads that read them, the logits as a double
// octagon; MLP inputs are drawn as the MLP itself. Scored edges: penwidth 0.5 to 5 by |score| relative to the
// largest, blue for positive and red for negative scores, tooltip with the score.
std::string circuitToDot(const CircuitGraph& graph, const Circuit& circuit);

}  // namespace redit
