#pragma once
// Step 2 of the law pipeline: distances between pattern circuits at several budgets (torch-free, redit_core).
#include <string>
#include <vector>

#include "circuits/circuit.h"
#include "circuits/graph.h"
#include "results/circuit_records.h"
#include "results/law_records.h"

namespace redit::analysis {

using results::DistanceRow;
using results::PatternScores;

// "jaccard", "weighted_edit", "ot_01" (0/1 ground cost, closed form), "ot_layers" (structural cost, LEMON).
const std::vector<std::string>& distanceMetricNames();

// The four distances between two circuits of one graph, in distanceMetricNames() order.
std::vector<double> circuitDistances(const CircuitGraph& graph, const Circuit& a, const Circuit& b);

// Every unordered pattern pair (A before B in input order) and every pattern's halves, for each budget and
// metric. Circuits: top ceil(budget * edges) by |w|, dangling edges pruned. ConfigError for a budget outside
// (0, 1]. A pattern whose circuit or one of whose half circuits is empty at a budget is an error, or, with
// `skipped`, left out of that budget (all its rows) with a note there; ConfigError when no row is left.
std::vector<DistanceRow> patternDistances(const CircuitGraph& graph, const std::vector<PatternScores>& patterns,
                                          const std::vector<double>& budgets,
                                          std::vector<std::string>* skipped = nullptr);


}  // namespace redit::analysis
