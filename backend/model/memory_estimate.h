#pragma once
#include <cstdint>
#include <string>

#include "model/model_config.h"
#include "util/byte_format.h"  // formatBytes, for the callers that print an estimate

namespace redit {

// What a forward pass will keep alive.
enum class ForwardMode {
    Inference,    // no gradients: one layer's activations live at a time
    Training,     // gradients of the parameters: every layer's activations kept for the backward pass
    Attribution,  // split residual inputs per head and per-head outputs, with gradients (EAP)
};

struct MemoryEstimate {
    int64_t weightBytes = 0;
    int64_t activationBytes = 0;
    int64_t totalBytes() const { return weightBytes + activationBytes; }
};

// An upper-bound estimate from the architecture alone, used to refuse or chunk work before it starts.
// `bytesPerValue` is 4 for fp32, 2 for bf16/fp16.
MemoryEstimate estimateMemory(const ModelConfig& config, int64_t bytesPerValue, int64_t batch, int64_t length,
                              ForwardMode mode);

}  // namespace redit
