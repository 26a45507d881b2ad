#include "models/circuit_layout_graphviz.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <QHash>
#include <map>
#include <memory>
#include <mutex>

namespace redit::gui {
namespace {

constexpr size_t kQuickLayoutEdges = 300;

std::mutex& graphvizMutex() {
    static std::mutex mutex;
    return mutex;
}

// Heads come before the MLP inside a layer, so each (layer, kind) gets its own rank.
long rankOf(const CircuitNode& node) {
    switch (node.kind) {
    case NodeKind::Input: return 0;
    case NodeKind::Head: return 2L * node.layer + 1;
    case NodeKind::Mlp: return 2L * node.layer + 2;
    case NodeKind::Logits: return 1L << 40;
    }
    return 0;
}

void set(void* object, const char* name, const QByteArray& value) {
    agsafeset(object, const_cast<char*>(name), const_cast<char*>(value.constData()), const_cast<char*>(""));
}

struct GraphvizSession {
    GVC_t* gvc = gvContext();
    Agraph_t* graph = agopen(const_cast<char*>("circuit"), Agdirected, nullptr);
    bool laidOut = false;
    ~GraphvizSession() {
        if (laidOut) gvFreeLayout(gvc, graph);
        agclose(graph);
        gvFreeContext(gvc);
    }
};

QPointF toScene(pointf p, double top) { return {p.x, top - p.y}; }

CircuitLayout::Edge edgeRoute(Agedge_t* edge, double top) {
    CircuitLayout::Edge route;
    const splines* spl = ED_spl(edge);
    if (!spl || spl->size < 1 || spl->list[0].size < 1) return route;
    const bezier& bz = spl->list[0];
    route.spline.moveTo(toScene(bz.list[0], top));
    for (int i = 1; i + 2 < bz.size; i += 3)
        route.spline.cubicTo(toScene(bz.list[i], top), toScene(bz.list[i + 1], top), toScene(bz.list[i + 2], top));
    if (bz.eflag) {
        const QPointF tip = toScene(bz.ep, top);
        const QPointF base = toScene(bz.list[bz.size - 1], top);
        const QPointF along = tip - base;
        const QPointF across(-along.y() * 0.5, along.x() * 0.5);
        route.arrowHead << tip << base + across << base - across;
    }
    return route;
}

}  // namespace

CircuitLayout graphvizLayout(const DrawnCircuit& input) {
    std::lock_guard<std::mutex> lock(graphvizMutex());
    CircuitLayout layout;
    GraphvizSession gv;
    set(gv.graph, "rankdir", "TB");
    set(gv.graph, "nodesep", "0.15");
    set(gv.graph, "ranksep", "0.45");
    if (input.edges.size() > kQuickLayoutEdges) {
        // Bounded crossing minimisation and network simplex: a 2,000-edge circuit takes seconds, not minutes.
        set(gv.graph, "mclimit", "0.1");
        set(gv.graph, "nslimit", "0.5");
        set(gv.graph, "nslimit1", "0.5");
        set(gv.graph, "remincross", "false");
    }

    QHash<QString, Agnode_t*> byName;
    std::vector<Agnode_t*> nodes(input.nodes.size(), nullptr);
    std::map<long, Agraph_t*> ranks;
    for (size_t i = 0; i < input.nodes.size(); ++i) {
        const CircuitNode& node = input.nodes[i];
        if (byName.contains(node.name)) continue;  // a repeated name is drawn once
        const long rank = rankOf(node);
        Agraph_t*& sub = ranks[rank];
        if (!sub) {
            sub = agsubg(gv.graph, QByteArray("rank").append(QByteArray::number(qlonglong(rank))).data(), 1);
            set(sub, "rank", "same");
        }
        Agnode_t* n = agnode(sub, QByteArray("n").append(QByteArray::number(qulonglong(i))).data(), 1);
        set(n, "shape", "box");
        set(n, "fixedsize", "true");
        set(n, "label", "");
        const QSizeF box = nodeBoxSize(node.name);
        set(n, "width", QByteArray::number(box.width() / 72.0, 'f', 3));
        set(n, "height", QByteArray::number(box.height() / 72.0, 'f', 3));
        nodes[i] = n;
        byName.insert(node.name, n);
    }
    std::vector<Agedge_t*> edges(input.edges.size(), nullptr);
    for (size_t j = 0; j < input.edges.size(); ++j) {
        Agnode_t* from = byName.value(input.edges[j].from);
        Agnode_t* to = byName.value(input.edges[j].to);
        if (!from || !to) continue;
        edges[j] = agedge(gv.graph, from, to, QByteArray("e").append(QByteArray::number(qulonglong(j))).data(), 1);
    }

    if (gvLayout(gv.gvc, gv.graph, "dot") != 0) {
        layout.error = QStringLiteral("Graphviz could not lay out the circuit");
        return layout;
    }
    gv.laidOut = true;
    const boxf bb = GD_bb(gv.graph);
    const double top = bb.UR.y;
    layout.bounds = QRectF(QPointF(bb.LL.x, 0), QPointF(bb.UR.x, bb.UR.y - bb.LL.y));
    layout.nodes.resize(input.nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i) {
        if (!nodes[i]) continue;
        const QPointF centre = toScene(ND_coord(nodes[i]), top);
        const QSizeF size(ND_width(nodes[i]) * 72.0, ND_height(nodes[i]) * 72.0);
        layout.nodes[i].box = QRectF(centre - QPointF(size.width() / 2, size.height() / 2), size);
    }
    layout.edges.resize(input.edges.size());
    for (size_t j = 0; j < edges.size(); ++j)
        if (edges[j]) layout.edges[j] = edgeRoute(edges[j], top);
    return layout;
}

}  // namespace redit::gui
