#pragma once
#include <QPainterPath>
#include <QPolygonF>
#include <QRectF>
#include <QString>
#include <vector>

#include "models/circuit_graph.h"

namespace redit::gui {

// Where a circuit's nodes and edges go, in scene units (points, y growing downwards).
// nodes[i] and edges[j] belong to graph.nodes[i] and graph.edges[j].
struct CircuitLayout {
    struct Node {
        QRectF box;  // empty for a repeated name (drawn once, at its first occurrence)
    };
    struct Edge {
        QPainterPath spline;  // empty when an end is not a known node
        QPolygonF arrowHead;
    };
    // A row of the layered layout (the Graphviz layout has none): what its nodes are and where its centre is.
    struct Row {
        NodeKind kind = NodeKind::Head;
        int layer = 0;
        bool headInputs = false;  // the query/key/value inputs of the layer's heads
        double y = 0;
    };
    std::vector<Node> nodes;
    std::vector<Edge> edges;
    std::vector<Row> rows;
    QRectF bounds;
    QString error;  // set when the layout failed; nodes and edges are then empty
};

enum class CircuitLayoutKind {
    Layered,   // rows by layer and kind, computed directly (layeredLayout): instant at any size
    Graphviz,  // Graphviz dot (graphvizLayout): seconds for a few thousand edges
};

// The box of a node named `name`. The layouts run off the GUI thread, where QFontMetrics may not be used: an
// average glyph width of the view's default font is close enough.
QSizeF nodeBoxSize(const QString& name);

CircuitLayout layoutCircuit(const DrawnCircuit& graph, CircuitLayoutKind kind);

}  // namespace redit::gui
