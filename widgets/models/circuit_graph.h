#pragma once
#include <QColor>
#include <QString>
#include <vector>

namespace redit::gui {

// The plain circuit data the circuit view draws; the lead fills it from the store.
// A drawn node merges a graph node's upstream and downstream roles (a head's output and its q/k/v inputs are one
// node), so neither redit::UpstreamNodeKind (no logits) nor redit::DownstreamNodeKind (no input; q/k/v) fits.
enum class NodeKind { Input, Head, Mlp, Logits };

QString nodeKindName(NodeKind kind);

// Which part of an attention head a Head node is: its output, or (in an edge-level graph) its query, key or
// value input. The layered layout draws a layer's head inputs in a row above its head outputs.
enum class HeadPort { Output, Query, Key, Value };

struct CircuitNode {
    QString name;
    NodeKind kind = NodeKind::Head;
    int layer = 0;
    int head = -1;  // head index (for a key or value input: its key/value group); -1 when not a head or unknown
    HeadPort port = HeadPort::Output;
};

struct CircuitEdge {
    QString from;
    QString to;
    double score = 0.0;
};

// How the circuit compare view draws an edge instead of the score colours (the width still shows |score|).
struct EdgeStyle {
    QColor colour;
    Qt::PenStyle line = Qt::SolidLine;
};

struct DrawnCircuit {
    std::vector<CircuitNode> nodes;
    std::vector<CircuitEdge> edges;
};

// How many edges to keep: the n strongest, a fraction of all edges, or those with |score| >= threshold.
struct EdgeSelection {
    enum class Mode { TopN, Fraction, Threshold };
    Mode mode = Mode::TopN;
    double value = 50;
};

// The selected edges, strongest |score| first, and only the nodes they touch. (Pruning nodes with no path
// from the input or to the logits is the circuits module's job; the view draws what it is given.)
DrawnCircuit selectEdges(const DrawnCircuit& graph, const EdgeSelection& selection);

}  // namespace redit::gui
