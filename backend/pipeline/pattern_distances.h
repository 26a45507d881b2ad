#pragma once
// Step 2 of the law pipeline: distances between pattern circuits at several budgets.
#include <string>
#include <vector>

#include "circuits/circuit.h"
#include "circuits/graph.h"
#include "pipeline/pattern_scores.h"

namespace redit::pipeline {

// "jaccard", "weighted_edit", "ot_01" (0/1 ground cost, closed form), "ot_layers" (structural cost, LEMON).
const std::vector<std::string>& distanceMetricNames();

// The four distances between two circuits of one graph, in distanceMetricNames() order.
std::vector<double> circuitDistances(const CircuitGraph& graph, const Circuit& a, const Circuit& b);

// One distance at one budget: cross-pattern (A != B, from the whole-K circuits) or same-pattern (A == B,
// between the circuits of the two halves).
struct DistanceRow {
    std::string patternA, patternB;
    std::string metric;
    double budget = 0;  // top fraction of the edges kept (before pruning)
    double value = 0;
    bool samePattern() const { return patternA == patternB; }
};

// Every unordered pattern pair (A before B in input order) and every pattern's halves, for each budget and
// metric. Circuits: top ceil(budget * edges) by |w|, dangling edges pruned. ConfigError for a budget outside
// (0, 1].
std::vector<DistanceRow> patternDistances(const CircuitGraph& graph, const std::vector<PatternScores>& patterns,
                                          const std::vector<double>& budgets);

std::string distanceKey(const std::string& metric, double budget);  // "jaccard@0.05", the stored metric name

}  // namespace redit::pipeline
