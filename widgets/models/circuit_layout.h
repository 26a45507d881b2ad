#pragma once
#include <QPainterPath>
#include <QPolygonF>
#include <QRectF>
#include <QString>
#include <vector>

#include "models/circuit_graph.h"

namespace redit::gui {

// Where Graphviz put a circuit, in scene units (points, y growing downwards).
// nodes[i] and edges[j] belong to graph.nodes[i] and graph.edges[j].
struct CircuitLayout {
    struct Node {
        QRectF box;
    };
    struct Edge {
        QPainterPath spline;  // empty when an end is not a known node
        QPolygonF arrowHead;
    };
    std::vector<Node> nodes;
    std::vector<Edge> edges;
    QRectF bounds;
    QString error;  // set when Graphviz failed; nodes and edges are then empty
};

// Lays the circuit out with Graphviz `dot`, one rank per (layer, kind), inputs on top and logits at the bottom.
// Graphviz is not thread-safe: every call in the process is serialised by one mutex.
CircuitLayout layoutCircuit(const DrawnCircuit& graph);

}  // namespace redit::gui
