#include "model/answer_training.h"

#include <cmath>
#include <numeric>
#include <random>

#include "model/optimizer.h"
#include "model/scoring.h"
#include "util/error.h"

namespace redit {

double scheduledLearningRate(const AnswerTrainingConfig& c, int64_t step) {
    const double warmup = std::max(1.0, c.warmupFraction * double(c.steps));
    if (double(step) < warmup) return c.learningRate * double(step + 1) / warmup;
    const double progress = (double(step) - warmup) / std::max(1.0, double(c.steps) - warmup);
    const double pi = 3.14159265358979323846;
    return c.learningRate * (0.1 + 0.9 * 0.5 * (1 + std::cos(pi * std::min(1.0, progress))));
}

TrainingProgress trainOnAnswers(DecoderModel& model, const std::vector<AnswerExample>& examples,
                                const AnswerTrainingConfig& c, const TrainingCallback& callback) {
    if (examples.empty()) throw ConfigError("no training examples");
    if (c.steps < 1 || c.batchSize < 1) throw ConfigError("training needs at least one step and a batch size >= 1");
    std::vector<at::Tensor> params = model.parameters();
    for (auto& p : params) p.set_requires_grad(true);
    AdamW optimizer(params, AdamWOptions{c.learningRate, 0.9, 0.95, 1e-8, c.weightDecay});

    // Epochs over a seeded shuffle; std::shuffle with mt19937_64 is deterministic within one standard library.
    std::mt19937_64 rng(c.seed);
    std::vector<size_t> order(examples.size());
    std::iota(order.begin(), order.end(), 0);
    size_t cursor = order.size();

    TrainingProgress progress;
    progress.steps = c.steps;
    double lossAverage = 0, accuracyAverage = 0;
    for (int64_t step = 0; step < c.steps; ++step) {
        std::vector<std::vector<int32_t>> prompts;
        std::vector<int64_t> answers;
        for (int64_t i = 0; i < c.batchSize; ++i) {
            if (cursor == order.size()) {
                std::shuffle(order.begin(), order.end(), rng);
                cursor = 0;
            }
            const AnswerExample& e = examples[order[cursor++]];
            prompts.push_back(e.prompt);
            answers.push_back(e.answer);
        }
        TokenBatch batch = makeLeftPaddedBatch(prompts, c.padId, model.device());
        at::Tensor target = at::tensor(answers, at::kLong).to(model.device());
        at::Tensor logits = model.forward(batch.ids, batch.mask, {}, /*training=*/true, LogitPositions::Last).logits.select(1, 0);
        at::Tensor loss = at::cross_entropy_loss(logits.to(at::kFloat), target);

        optimizer.setLearningRate(scheduledLearningRate(c, step));
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step();

        const double decay = step == 0 ? 0.0 : 0.95;
        lossAverage = decay * lossAverage + (1 - decay) * loss.item<double>();
        accuracyAverage = decay * accuracyAverage +
                          (1 - decay) * logits.argmax(-1).eq(target).to(at::kFloat).mean().item<double>();
        progress.step = step + 1;
        progress.loss = lossAverage;
        progress.accuracy = accuracyAverage;
        if (callback && !callback(progress)) break;
    }
    for (auto& p : params) p.set_requires_grad(false);
    return progress;
}

}  // namespace redit
