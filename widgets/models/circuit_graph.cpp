#include "models/circuit_graph.h"

#include <QCoreApplication>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace redit::gui {

QString nodeKindName(NodeKind kind) {
    switch (kind) {
    case NodeKind::Input: return QCoreApplication::translate("redit::gui::CircuitGraph", "input");
    case NodeKind::Head: return QCoreApplication::translate("redit::gui::CircuitGraph", "attention head");
    case NodeKind::Mlp: return QCoreApplication::translate("redit::gui::CircuitGraph", "MLP");
    case NodeKind::Logits: return QCoreApplication::translate("redit::gui::CircuitGraph", "logits");
    }
    return {};
}

static size_t keptEdgeCount(const std::vector<CircuitEdge>& byStrength, const EdgeSelection& selection) {
    const size_t total = byStrength.size();
    const double value = std::isfinite(selection.value) ? selection.value : 0.0;
    switch (selection.mode) {
    case EdgeSelection::Mode::TopN:
        return value <= 0 ? 0 : std::min(total, static_cast<size_t>(std::min(value, double(total))));
    case EdgeSelection::Mode::Fraction:
        return static_cast<size_t>(std::ceil(std::clamp(value, 0.0, 1.0) * double(total)));
    case EdgeSelection::Mode::Threshold:
        return static_cast<size_t>(std::count_if(byStrength.begin(), byStrength.end(),
                                                  [&](const CircuitEdge& e) { return std::abs(e.score) >= value; }));
    }
    return 0;
}

DrawnCircuit selectEdges(const DrawnCircuit& graph, const EdgeSelection& selection) {
    std::vector<CircuitEdge> byStrength;
    byStrength.reserve(graph.edges.size());
    for (const CircuitEdge& e : graph.edges)
        if (std::isfinite(e.score)) byStrength.push_back(e);
    std::stable_sort(byStrength.begin(), byStrength.end(),
                     [](const CircuitEdge& a, const CircuitEdge& b) { return std::abs(a.score) > std::abs(b.score); });
    byStrength.resize(keptEdgeCount(byStrength, selection));

    QSet<QString> touched;
    for (const CircuitEdge& e : byStrength) {
        touched.insert(e.from);
        touched.insert(e.to);
    }
    DrawnCircuit selected;
    for (const CircuitNode& n : graph.nodes)
        if (touched.contains(n.name)) selected.nodes.push_back(n);
    selected.edges = std::move(byStrength);
    return selected;
}

}  // namespace redit::gui
