#pragma once
// LoRA editing (docs/method.md section 8): fresh low-rank adapters fine-tuned with cross-entropy on the gold answer
// token of each revision prompt. Adapters and optimiser are new for every call (one call = one edit).
#include <cstdint>
#include <string>
#include <vector>

#include "model/answer_training.h"
#include "model/decoder.h"
#include "model/lora.h"

namespace redit {

enum class LoraEditProtocol {
    RevisionSet,  // the paper's: `steps` AdamW steps on the whole revision set (in batches of batchSize)
    Sequential,   // the reference code's: one instance at a time, stepsPerInstance steps each, in order
};

std::string protocolName(LoraEditProtocol protocol);          // "revision-set", "sequential"
LoraEditProtocol parseLoraEditProtocol(const std::string& name);  // ConfigError for an unknown name

struct LoraEditOptions {
    LoraConfig lora;  // reference defaults: r 16, alpha 32, dropout 0.05, q_proj and v_proj
    LoraEditProtocol protocol = LoraEditProtocol::RevisionSet;
    int64_t steps = 20;             // RevisionSet
    int64_t batchSize = 0;          // RevisionSet: 0 = the whole revision set in every step
    int64_t stepsPerInstance = 10;  // Sequential
    double learningRate = 1e-4;
    double weightDecay = 0.01;
    bool merge = true;  // fold the adapters into the weights afterwards; false keeps them attached
    int64_t padId = 0;
    uint64_t seed = 0;  // adapter initialisation, batch order and dropout
};

struct LoraEditResult {
    LoraEditProtocol protocol = LoraEditProtocol::RevisionSet;
    int64_t steps = 0;          // optimiser steps taken
    double initialLoss = 0;     // mean cross-entropy on the revision set before and after
    double finalLoss = 0;
    bool merged = false;
};

// Edits the model in place (any adapters it had are replaced). Deterministic for a seed and thread count;
// dropout draws from LibTorch's default generator, which is seeded from `seed`. Throws ConfigError for an
// empty revision set, steps < 1 or a bad LoRA configuration.
LoraEditResult loraEdit(DecoderModel& model, const std::vector<AnswerExample>& revision, const LoraEditOptions& options);

}  // namespace redit
