#pragma once
// Two circuits side by side: which edges they share and which only one has, with their distances.
#include <QString>
#include <utility>
#include <vector>

#include "models/circuit_graph.h"

namespace redit::gui {

// Two circuits of one graph at one budget (top fraction of the edges, dangling edges pruned) and the
// backend's distances between them (metric name, value), e.g. {"jaccard", 0.42}.
struct CircuitComparison {
    QString labelA;  // e.g. "Run #3: sd1-03"
    QString labelB;
    double budget = 0.3;
    DrawnCircuit a;
    DrawnCircuit b;
    std::vector<std::pair<QString, double>> distances;
};

enum class EdgeMembership { Shared, OnlyA, OnlyB };

// The union of both circuits' edges (an edge is its (from, to) pair): A's edges in A's order, then B's edges
// that A lacks. A shared edge keeps A's score. `membership[i]` says where edge i comes from.
struct MergedCircuit {
    DrawnCircuit graph;
    std::vector<EdgeMembership> membership;
    int shared = 0;
    int onlyA = 0;
    int onlyB = 0;
};

MergedCircuit mergeCircuits(const DrawnCircuit& a, const DrawnCircuit& b);

}  // namespace redit::gui
