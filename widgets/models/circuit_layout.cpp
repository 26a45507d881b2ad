#include "models/circuit_layout.h"

#include "models/circuit_layout_graphviz.h"
#include "models/circuit_layout_layered.h"

namespace redit::gui {

QSizeF nodeBoxSize(const QString& name) { return {6.5 * name.size() + 14.0, 21.6}; }

CircuitLayout layoutCircuit(const DrawnCircuit& graph, CircuitLayoutKind kind) {
    return kind == CircuitLayoutKind::Graphviz ? graphvizLayout(graph) : layeredLayout(graph);
}

}  // namespace redit::gui
