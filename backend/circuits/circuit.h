#pragma once
// The circuit of a pattern: edges selected from mean attribution scores, then pruned (docs/circuits.md).
#include <cstdint>
#include <vector>

#include "circuits/graph.h"

namespace redit {

// Kept edges (indices in the graph's edge order, ascending) with their signed weights.
struct Circuit {
    std::vector<int64_t> edges;
    std::vector<double> weights;
    size_t size() const { return edges.size(); }
};

// w(e) = mean over instances of the per-instance scores (signed). Throws ConfigError when there are no
// instances or their lengths differ.
std::vector<double> meanScores(const std::vector<std::vector<double>>& instanceScores);

// Edge indices ordered by |w| descending; ties by index, so the order is deterministic.
std::vector<int64_t> rankByMagnitude(const std::vector<double>& weights);

enum class SelectionMode {
    TopN,         // the n edges of largest |w|
    TopFraction,  // the ceil(fraction * edge count) edges of largest |w|
    Threshold,    // every edge with |w| >= threshold
    Greedy,       // n edges grown backwards from the logits: always the largest-|w| edge into the circuit so far
};

struct SelectionOptions {
    SelectionMode mode = SelectionMode::TopN;
    double value = 1000;       // n, fraction in (0, 1] or threshold, by mode
    bool pruneDangling = true;
};

// Throws ConfigError for a weight vector of the wrong length or a value that does not fit the mode.
Circuit selectCircuit(const CircuitGraph& graph, const std::vector<double>& weights, const SelectionOptions& options);

// Removes edges that cannot carry signal from the input to the logits, repeatedly until nothing changes: an
// edge u -> v stays only if u is the input or something feeds u (an edge into one of u's inputs), and v is the
// logits or something reads v onwards (an edge out of a node computed from v).
Circuit pruneDangling(const CircuitGraph& graph, const Circuit& circuit);

const char* selectionModeName(SelectionMode mode);  // "top-n", "top-fraction", "threshold", "greedy"

}  // namespace redit
