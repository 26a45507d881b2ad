#pragma once
#include "models/circuit_layout.h"

namespace redit::gui {

// Lays the circuit out with Graphviz `dot`, one rank per (layer, kind), inputs on top and logits at the bottom.
// Graphviz is not thread-safe: every call in the process is serialised by one mutex. A 2,000-edge circuit
// takes seconds (docs/performance.md), so the circuit view offers it as an option beside layeredLayout.
CircuitLayout graphvizLayout(const DrawnCircuit& graph);

}  // namespace redit::gui
