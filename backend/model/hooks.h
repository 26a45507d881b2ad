#pragma once
// Interpretability hooks of the decoder, designed for edge attribution patching.
//
// Upstream nodes write into the residual stream: the token embedding, every attention head (its output
// through its own slice of W_O) and every MLP. Downstream nodes read from it: the query input of every head,
// the key and value inputs of every key/value head (grouped-query attention), every MLP input, and the
// logits (the input of the final norm). The residual input of a downstream node is the sum of all upstream
// outputs computed before it, so each downstream input can be taken separately ("split") and gets its own
// gradient.
#include <ATen/ATen.h>
#include <functional>
#include <vector>

namespace redit {

enum class UpstreamKind { Embedding, AttentionHeads, Mlp };

// Outputs of all upstream nodes of one forward pass.
struct UpstreamOutputs {
    at::Tensor embedding;                // [B, T, D]
    std::vector<at::Tensor> heads;       // per layer [B, T, H, D]: head h's contribution to the residual
    std::vector<at::Tensor> mlps;        // per layer [B, T, D]
};

// One tensor per downstream node group. In a split forward each is added to the residual input of its
// nodes, so passing zeros that require grad yields the gradient of any output with respect to each
// downstream input; passing a non-zero offset moves exactly that node's input (edge-level patching).
struct DownstreamInputs {
    std::vector<at::Tensor> query;   // per layer [B, T, H, D]
    std::vector<at::Tensor> key;     // per layer [B, T, Hkv, D]
    std::vector<at::Tensor> value;   // per layer [B, T, Hkv, D]
    std::vector<at::Tensor> mlp;     // per layer [B, T, D]
    at::Tensor logits;               // [B, T, D]
};

// What edge attribution needs from one ordinary forward pass (nothing split, circuits/eap_rows.h): the
// upstream outputs in compact form and, for every reader, the tensor whose gradient gives the gradient of
// its residual input once pulled back through the reader's projection and norm.
struct AttributionTaps {
    at::Tensor embedding;                       // [B, T, D]
    std::vector<at::Tensor> headValues;         // per layer [B, T, H, hd]: each head's attention output before W_O
    std::vector<at::Tensor> mlps;               // per layer [B, T, D]
    std::vector<at::Tensor> attentionResidual;  // per layer [B, T, D]: the residual the input norm reads
    std::vector<at::Tensor> query;              // per layer [B, T, H, hd]: projections, before rotary
    std::vector<at::Tensor> key;                // per layer [B, T, Hkv, hd]
    std::vector<at::Tensor> value;              // per layer [B, T, Hkv, hd]
    std::vector<at::Tensor> mlpResidual;        // per layer [B, T, D]: the residual the MLP's norm reads
    std::vector<at::Tensor> mlpNormed;          // per layer [B, T, D]: that norm's output
    at::Tensor logitsResidual;                  // [B, T', D]: the final norm's input (T' = 1 for the last position only)
    at::Tensor logitsNormed;                    // [B, T', D]: its output
};

// Called with each upstream output as it is computed; returns the tensor to use instead (same shape).
// `layer` is -1 for the embedding. Activation patching replaces (part of) the output.
using UpstreamPatch = std::function<at::Tensor(UpstreamKind kind, int64_t layer, const at::Tensor& output)>;

struct HookOptions {
    bool captureUpstream = false;            // fill ForwardResult::upstream
    bool splitDownstream = false;            // separate residual input per downstream node
    const DownstreamInputs* downstreamOffsets = nullptr;  // with split: offsets to add (else zero leaves)
    UpstreamPatch patch;                     // optional
    // Fill ForwardResult::taps. Under grad mode the embedding output then requires a gradient even when no
    // weight does, so that every tap is differentiable.
    bool tapAttribution = false;
    bool any() const { return captureUpstream || splitDownstream || static_cast<bool>(patch) || tapAttribution; }
};

struct ForwardResult {
    at::Tensor logits;            // [B, T, vocab]
    UpstreamOutputs upstream;     // when captured
    DownstreamInputs downstream;  // with split: the offsets used (zero leaves requiring grad by default)
    AttributionTaps taps;         // with tapAttribution
};

}  // namespace redit
