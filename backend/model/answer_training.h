#pragma once
// Supervised training of a decoder to answer prompts: cross-entropy of the answer token at the prompt's
// last position. Used to train the built-in `logic-tiny` model from scratch.
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "model/decoder.h"
#include "model/optimizer.h"

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
    // Parameters trained (model/trainable_parameters.h: a name containing one of these strings); empty: every
    // parameter, LoRA adapters included. The others get no gradient, so backward stops at the first trained
    // layer.
    std::vector<std::string> trainable;
};

struct TrainingProgress {
    int64_t step = 0;
    int64_t steps = 0;
    double loss = 0;        // running mean over the last steps
    double accuracy = 0;    // running accuracy of the answer token on the training batches
};

// Training one step at a time, stoppable after any step: checkpoint() captures everything the rest of the
// run depends on (weights, AdamW moments and step count, the shuffled data order and cursor, the shuffling
// RNG and LibTorch's CPU generator, the running loss and accuracy), and a fresh trainer on a model with the
// same architecture that resume()s from it ends bit-identical to a trainer that never stopped (same thread
// count). Format: model/training_checkpoint.h.
class AnswerTrainer {
public:
    // The examples must outlive the trainer. ConfigError for no examples, steps < 1 or batch size < 1.
    AnswerTrainer(DecoderModel& model, const std::vector<AnswerExample>& examples, const AnswerTrainingConfig& config);
    ~AnswerTrainer();  // the parameters stop requiring gradients
    AnswerTrainer(const AnswerTrainer&) = delete;
    AnswerTrainer& operator=(const AnswerTrainer&) = delete;

    bool finished() const { return progress_.step >= config_.steps; }
    const TrainingProgress& progress() const { return progress_; }
    void step();  // one optimiser step; ConfigError once finished

    std::vector<unsigned char> checkpoint() const;
    // FileError naming `source` for a damaged checkpoint or one taken with another configuration, example
    // count or model shape; the trainer is unchanged then.
    void resume(const std::vector<unsigned char>& checkpoint, const std::string& source);

private:
    DecoderModel& model_;
    const std::vector<AnswerExample>& examples_;
    AnswerTrainingConfig config_;
    std::vector<at::Tensor> parameters_;
    std::unique_ptr<AdamW> optimizer_;
    std::mt19937_64 rng_;
    std::vector<int64_t> order_;
    size_t cursor_;
    TrainingProgress progress_;
};

// Called after each step; return false to stop early (cooperative cancellation).
using TrainingCallback = std::function<bool(const TrainingProgress&)>;

// Trains the model in place (config.trainable: every parameter by default). Deterministic for a seed and thread count.
TrainingProgress trainOnAnswers(DecoderModel& model, const std::vector<AnswerExample>& examples,
                                const AnswerTrainingConfig& config, const TrainingCallback& callback = {});

// Learning rate at a step of the warm-up + cosine schedule.
double scheduledLearningRate(const AnswerTrainingConfig& config, int64_t step);

}  // namespace redit
