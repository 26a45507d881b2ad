#pragma once
#include "models/circuit_layout.h"

namespace redit::gui {

// A layered drawing computed directly from what a circuit's nodes are, with no general graph layout:
//  - one row per (layer, kind) that has nodes, top to bottom: the input; per layer its heads' query/key/value
//    inputs, its heads' outputs, its MLP; the logits. Every edge of a transformer's circuit then points down.
//  - within a row, nodes ordered by head index (queries, then keys, then values by key/value group), then by
//    name; no two boxes closer than `nodeGap`.
//  - each row slid sideways towards the mean position of its nodes' neighbours (weighted by |score|) a few
//    sweeps down and up, keeping that order and spacing, so that strong edges run nearly straight.
//  - edges as cubic curves leaving a box's bottom and entering the next box's top, their ends spread along
//    the box by the other end's position, with an arrowhead.
// Deterministic (the same circuit gives the same positions) and linear in nodes and edges apart from sorting.
struct LayeredLayoutOptions {
    double rowGap = 46;   // vertical space between two rows' boxes
    double nodeGap = 10;  // horizontal space between two boxes of a row
    int sweeps = 4;       // down-and-up alignment sweeps
};

CircuitLayout layeredLayout(const DrawnCircuit& graph, const LayeredLayoutOptions& options = {});

// "input", "layer 3 heads", "layer 3 q/k/v", "layer 3 MLP", "logits": the label of a row of layeredLayout.
QString rowLabel(const CircuitLayout::Row& row);

}  // namespace redit::gui
