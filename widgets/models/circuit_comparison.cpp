#include "models/circuit_comparison.h"

#include <QSet>

namespace redit::gui {
namespace {

QString edgeKey(const CircuitEdge& e) { return e.from + QStringLiteral("\n") + e.to; }

}  // namespace

MergedCircuit mergeCircuits(const DrawnCircuit& a, const DrawnCircuit& b) {
    QSet<QString> inA, inB;
    for (const CircuitEdge& e : a.edges) inA.insert(edgeKey(e));
    for (const CircuitEdge& e : b.edges) inB.insert(edgeKey(e));

    MergedCircuit merged;
    QSet<QString> nodeNames;
    auto addNodes = [&](const DrawnCircuit& graph) {
        for (const CircuitNode& node : graph.nodes)
            if (!nodeNames.contains(node.name)) {
                nodeNames.insert(node.name);
                merged.graph.nodes.push_back(node);
            }
    };
    addNodes(a);
    addNodes(b);
    for (const CircuitEdge& e : a.edges) {
        const bool shared = inB.contains(edgeKey(e));
        merged.graph.edges.push_back(e);
        merged.membership.push_back(shared ? EdgeMembership::Shared : EdgeMembership::OnlyA);
        ++(shared ? merged.shared : merged.onlyA);
    }
    for (const CircuitEdge& e : b.edges) {
        if (inA.contains(edgeKey(e))) continue;
        merged.graph.edges.push_back(e);
        merged.membership.push_back(EdgeMembership::OnlyB);
        ++merged.onlyB;
    }
    return merged;
}

}  // namespace redit::gui
