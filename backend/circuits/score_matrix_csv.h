#pragma once
#include <string>
#include <vector>

#include "circuits/graph.h"

namespace redit {

// Edge scores (flat, in edge order) as the dense [upstream x downstream] matrix in CSV: a header of the
// downstream names, then one line per upstream node starting with its name; no edge is an empty field.
// ConfigError when the score count is not the graph's edge count.
std::string scoreMatrixCsv(const CircuitGraph& graph, const std::vector<double>& scores);

}  // namespace redit
