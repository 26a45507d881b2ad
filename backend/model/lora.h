#pragma once
#include <ATen/ATen.h>
#include <string>
#include <vector>

#include "model/decoder.h"

namespace redit {

// Which linear layers get adapters: any of q_proj k_proj v_proj o_proj gate_proj up_proj down_proj.
struct LoraConfig {
    int64_t rank = 16;
    double alpha = 32.0;
    double dropout = 0.05;
    std::vector<std::string> targets{"q_proj", "v_proj"};
    std::vector<int64_t> layers;  // empty = every layer
};

// Attaches fresh adapters (A Kaiming-uniform as in PEFT, B zero) to the targeted layers, replacing any.
// Throws ConfigError for an unknown target name, a rank < 1 or a layer out of range.
void attachLora(DecoderModel& model, const LoraConfig& config, uint64_t seed);
// Re-draws every attached adapter as fresh (B = 0): the model computes its base function again.
void resetLora(DecoderModel& model, uint64_t seed);
// Folds W += scale * B A into the base weights and removes the adapters.
void mergeLora(DecoderModel& model);
void removeLora(DecoderModel& model);
void setLoraEnabled(DecoderModel& model, bool enabled);
// The lowest layer with an adapter (numLayers when none): the layers below it compute the base function.
int64_t firstAdaptedLayer(const DecoderModel& model);
// The adapter tensors (A and B of each adapted layer), e.g. for an optimiser.
std::vector<at::Tensor> loraParameters(const DecoderModel& model);

}  // namespace redit
