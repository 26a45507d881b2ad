#pragma once
// Distances between two circuits of the same graph (docs/circuits.md). All are in [0, 1]; the weighted ones
// use w^(e) = |w(e)| / sum |w| over each circuit's kept edges.
#include <cstdint>
#include <functional>
#include <vector>

#include "circuits/circuit.h"
#include "circuits/graph.h"

namespace redit {

// 1 - |A n B| / |A u B| on the kept edge sets (0 for two empty circuits).
double jaccardDistance(const Circuit& a, const Circuit& b);

// (1/2) sum over the union of |w^_A(e) - w^_B(e)|. Throws ConfigError for a circuit without weight.
double weightedEditDistance(const Circuit& a, const Circuit& b);

// Earth mover's distance with the 0/1 ground cost (0 between an edge and itself, 1 otherwise). Its optimal
// plan leaves min(w^_A, w^_B) in place and moves the rest at cost 1, so it equals the weighted edit distance.
double transportDistanceZeroOne(const Circuit& a, const Circuit& b);

// Structural ground cost between edges u -> v and u' -> v': (|lu - lu'| + |lv - lv'|) / (2 L) with the input
// at depth 0, layer l's nodes at depth l + 1 and the logits at depth L + 1 (L layers). It only sees depths, so
// two different edges between the same layers cost 0: the distance is a pseudometric.
int64_t layerGroundCostUnits(const CircuitGraph& graph, const Edge& a, const Edge& b);  // numerator of the cost
double layerGroundCost(const CircuitGraph& graph, const Edge& a, const Edge& b);

// Earth mover's distance under the structural cost, solved exactly. Edges with the same depths are
// interchangeable under this cost, so the masses are pooled per (depth u, depth v) before solving: at most
// (L + 1)^2 points a side, whatever the circuits' sizes.
double transportDistanceLayers(const CircuitGraph& graph, const Circuit& a, const Circuit& b);

// Exact earth mover's distance between distributions a and b (non-negative, each summing to 1 within 1e-9)
// under an integer ground cost, in cost units, by LEMON's network simplex. Masses are rounded to multiples of
// 2^-40 (the solver needs integer data), so the result is exact to about 1e-11 per point.
double earthMoverDistance(const std::vector<double>& a, const std::vector<double>& b,
                          const std::function<int64_t(size_t, size_t)>& cost);

}  // namespace redit
