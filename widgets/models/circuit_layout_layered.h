#pragma once
#include "models/circuit_layout.h"

namespace redit::gui {

// A layered drawing computed directly from what a circuit's nodes are, with no general graph layout:
//  - one row per (layer, kind) that has nodes, top to bottom: the input; per layer its heads' query/key/value
//    inputs, its heads' outputs, its MLP; the logits. Every edge of a transformer's circuit then points down.
//  - columns shared by all rows: heads (and their query inputs) by head index, then key and value inputs by
//    key/value group, then the MLPs; only the columns the circuit uses. A head stands in the same column in
//    every layer; the input and the logits stand in the middle. No two boxes of a row closer than `nodeGap`.
//  - edges as cubic curves leaving a box's bottom and entering the other box's top, their ends spread along
//    the box by the other end's position, with an arrowhead; a nearly vertical edge that skips rows bows out
//    to the right instead of running through the boxes between.
// Deterministic (the same circuit gives the same picture, whatever the order of its nodes) and linear in nodes
// and edges apart from sorting.
struct LayeredLayoutOptions {
    double rowGap = 30;   // vertical space between two rows' boxes
    double nodeGap = 10;  // horizontal space between two boxes of a row
};

CircuitLayout layeredLayout(const DrawnCircuit& graph, const LayeredLayoutOptions& options = {});

// "input", "layer 3 heads", "layer 3 q/k/v", "layer 3 MLP", "logits": the label of a row of layeredLayout.
QString rowLabel(const CircuitLayout::Row& row);

}  // namespace redit::gui
