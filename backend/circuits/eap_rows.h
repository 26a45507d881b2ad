#pragma once
// The two operands of edge attribution patching, shared by EAP (circuits/eap.cpp) and the differentiable
// attribution vectors of reshaping (reshape/attribution_vector.cpp). Both are laid out per example,
// [nodes, B, T * D], in graph order, so that the score of every edge of example b is one product of row b.
#include <ATen/ATen.h>

#include "model/hooks.h"

namespace redit {

// Upstream outputs as [upstream, B, T * D]: the input embedding, then per layer every head and the MLP.
at::Tensor upstreamRows(const UpstreamOutputs& outputs);

// d metric / d downstream inputs as [downstream, B, T * D]: per layer every query, key and value input and
// the MLP input, then the logits. With createGraph the gradients stay in the autograd graph (so the scores
// are differentiable in the weights); otherwise the graph is freed.
at::Tensor downstreamGradientRows(const at::Tensor& metric, const DownstreamInputs& inputs, bool createGraph);

}  // namespace redit
