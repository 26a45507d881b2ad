#pragma once
// The two operands of edge attribution patching taken from ordinary forward passes (HookOptions::
// tapAttribution), without one residual copy per reader (docs/circuits.md "Computing it"). Both are laid out
// per example, [nodes, B, T * D], in graph order, as circuits/eap_rows.h lays out those of a split forward,
// and they are equal to them.
#include <ATen/ATen.h>

#include "circuits/graph.h"
#include "model/decoder.h"
#include "model/hooks.h"

namespace redit {

// out_u(corrupted) - out_u(clean) as [upstream, B, T * D], zero at padding (`real` [B, T]: 1 for real tokens):
// the embedding, then per layer every head (its difference of attention outputs through its slice of W_O)
// and the MLP.
at::Tensor upstreamDifferenceRows(const DecoderModel& model, const AttributionTaps& corrupted,
                                  const AttributionTaps& clean, const at::Tensor& real);

// d metric / d (each reader's residual input) as [downstream, B, T * D] in at least float32, from one ordinary
// backward to the taps of the forward that computed `metric`: a query, key or value input gets its
// projection's gradient through that head's rows of the projection, then through the input norm; an MLP input
// and the logits get their norm's output gradient through the norm. Plain values (no graph is kept).
at::Tensor readerGradientRows(const DecoderModel& model, const at::Tensor& metric, const AttributionTaps& taps);

// Every edge's score summed over the examples, [upstream, downstream], from differences [upstream, K] and
// gradients [downstream, K] (the rows above flattened to K = B T D, in one type). Writers come after the readers
// they could feed, so the product is taken by blocks of readers with only the writers computed before them
// (about 5/8 of the full product); entries that are no edge are not meaningful (mask them).
at::Tensor edgeScoreProducts(const CircuitGraph& graph, const at::Tensor& differences, const at::Tensor& gradients);

}  // namespace redit
