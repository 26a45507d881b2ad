#pragma once
// The differentiable circuit surrogate of REdit (docs/method.md section 7): per clean/corrupted pair, the EAP
// attribution scores of section 4 computed so that they stay a differentiable function of the model's
// parameters. Both forward passes stay in the autograd graph and the metric's gradient with respect to the
// downstream inputs is taken with create_graph, so a loss on the scores can be back-propagated into every
// parameter that requires a gradient (a double backward).
//
// Metric: the logit difference of circuits/eap.h (clean answer minus corrupted answer, last position).
// Granularity:
//   Edge: w_i(u -> v) = sum over positions of < d s(x_i) / d in_v , out_u(x~_i) - out_u(x_i) >, for the edges
//         of the edge graph in its edge order (the valid entries of edgeValidityMask, row by row); with the
//         gradient detached this is computeEapScores on the single pair, edge for edge.
//   Node: one score per upstream node u, w_i(u) = < d s(x_i) / d out_u , out_u(x~_i) - out_u(x_i) >: the first
//         order estimate of patching u's whole output. The residual stream carries out_u to every
//         downstream input after it, so this is the sum of u's edge scores; it is computed as such.
#include <ATen/ATen.h>

#include "circuits/eap.h"
#include "circuits/graph.h"
#include "model/decoder.h"

namespace redit {

// Length of one instance's attribution vector: the edge count, or the upstream node count.
int64_t attributionLength(const ModelConfig& config, Granularity granularity);

// Attribution vectors [N, attributionLength] of the N pairs of `batch` (one row per pair, not averaged), in
// the model's dtype promoted to at least fp32. Differentiable with respect to the parameters that require a
// gradient (when grad mode is on; under a no-grad guard the scores are plain values). The batches must be
// left padded (the last position real in every row) and aligned as for computeEapScores; ConfigError
// otherwise.
at::Tensor attributionVectors(const DecoderModel& model, const EapBatch& batch, Granularity granularity);

}  // namespace redit
