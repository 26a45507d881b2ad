#pragma once
// Supervised training of a decoder to answer prompts: cross-entropy of the answer token at the prompt's
// last position. Used to train the built-in `logic-tiny` model from scratch.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/decoder.h"

namespace redit {

struct AnswerExample {
    std::vector<int32_t> prompt;
    int32_t answer = 0;
};

struct AnswerTrainingConfig {
    int64_t steps = 1000;
    int64_t batchSize = 32;
    double learningRate = 3e-3;
    double weightDecay = 0.01;
    double warmupFraction = 0.05;  // linear warm-up, then cosine decay to 10%
    int64_t padId = 0;
    uint64_t seed = 1;
};

struct TrainingProgress {
    int64_t step = 0;
    int64_t steps = 0;
    double loss = 0;        // running mean over the last steps
    double accuracy = 0;    // running accuracy of the answer token on the training batches
};

// Called after each step; return false to stop early (cooperative cancellation).
using TrainingCallback = std::function<bool(const TrainingProgress&)>;

// Trains every parameter of the model in place. Deterministic for a seed and thread count.
TrainingProgress trainOnAnswers(DecoderModel& model, const std::vector<AnswerExample>& examples,
                                const AnswerTrainingConfig& config, const TrainingCallback& callback = {});

// Learning rate at a step of the warm-up + cosine schedule.
double scheduledLearningRate(const AnswerTrainingConfig& config, int64_t step);

}  // namespace redit
