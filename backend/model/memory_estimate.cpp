#include "model/memory_estimate.h"

#include <algorithm>
#include <cstdio>

namespace redit {

MemoryEstimate estimateMemory(const ModelConfig& c, int64_t bytesPerValue, int64_t B, int64_t T, ForwardMode mode) {
    MemoryEstimate e;
    e.weightBytes = c.parameterCount() * bytesPerValue;
    const int64_t D = c.hiddenSize, I = c.intermediateSize, H = c.numHeads, Hkv = c.numKeyValueHeads;
    const int64_t hd = c.headDim, tokens = B * T;
    // Per layer: residual, norm outputs, q/k/v (+ rotated copies, repeated k/v), attention output, o-proj,
    // gate/up/activation/product, down-proj; attention scores and probabilities in fp32.
    int64_t perLayer = tokens * (6 * D + 3 * I + 2 * (H + 2 * Hkv) * hd + 2 * H * hd) * bytesPerValue +
                       2 * B * H * T * T * 4;
    if (mode == ForwardMode::Attribution) {
        // Split inputs (one residual copy per query head and per key/value head, before and after the norm)
        // and per-head outputs [B, T, H, D].
        perLayer += tokens * (2 * (H + 2 * Hkv) * D + H * D) * bytesPerValue;
    }
    const int64_t logits = tokens * c.vocabSize * 4;
    const int64_t layersAlive = mode == ForwardMode::Inference ? 1 : c.numLayers;
    // The backward pass roughly doubles the peak of what it walks back through.
    const int64_t backwardFactor = mode == ForwardMode::Inference ? 1 : 2;
    e.activationBytes = layersAlive * perLayer * backwardFactor + logits;
    if (mode != ForwardMode::Inference) e.activationBytes += e.weightBytes;  // parameter gradients
    return e;
}


}  // namespace redit
