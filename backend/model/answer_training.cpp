#include "model/answer_training.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/core/grad_mode.h>
#include <algorithm>
#include <cmath>
#include <mutex>
#include <numeric>
#include <sstream>

#include "model/scoring.h"
#include "model/trainable_parameters.h"
#include "model/training_checkpoint.h"
#include "util/error.h"

namespace redit {

namespace {

constexpr int kCheckpointFormat = 1;

nlohmann::json configJson(const AnswerTrainingConfig& c, size_t examples) {
    nlohmann::json j = {{"steps", c.steps},
            {"batch_size", c.batchSize},
            {"learning_rate", c.learningRate},
            {"weight_decay", c.weightDecay},
            {"warmup_fraction", c.warmupFraction},
            {"pad_id", c.padId},
            {"seed", c.seed},
            {"examples", examples}};
    if (!c.trainable.empty()) j["trainable"] = c.trainable;  // absent when empty: older checkpoints still resume
    return j;
}

at::Tensor torchCpuRngState() {
    at::Generator generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    return generator.get_state();
}

void setTorchCpuRngState(const at::Tensor& state) {
    at::Generator generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(state);
}

}  // namespace

double scheduledLearningRate(const AnswerTrainingConfig& c, int64_t step) {
    const double warmup = std::max(1.0, c.warmupFraction * double(c.steps));
    if (double(step) < warmup) return c.learningRate * double(step + 1) / warmup;
    const double progress = (double(step) - warmup) / std::max(1.0, double(c.steps) - warmup);
    const double pi = 3.14159265358979323846;
    return c.learningRate * (0.1 + 0.9 * 0.5 * (1 + std::cos(pi * std::min(1.0, progress))));
}

AnswerTrainer::AnswerTrainer(DecoderModel& model, const std::vector<AnswerExample>& examples,
                             const AnswerTrainingConfig& config)
    : model_(model), examples_(examples), config_(config), rng_(config.seed), order_(examples.size()),
      cursor_(examples.size()) {
    if (examples.empty()) throw ConfigError("no training examples");
    if (config.steps < 1 || config.batchSize < 1)
        throw ConfigError("training needs at least one step and a batch size >= 1");
    if (config.trainable.empty()) {
        parameters_ = model.parameters();
    } else {
        for (auto& p : model.parameters()) p.set_requires_grad(false);
        for (NamedParameter& p : selectTrainableParameters(model.weights(), config.trainable))
            parameters_.push_back(std::move(p.tensor));
    }
    for (auto& p : parameters_) p.set_requires_grad(true);
    optimizer_ = std::make_unique<AdamW>(parameters_, AdamWOptions{config.learningRate, 0.9, 0.95, 1e-8, config.weightDecay});
    // Epochs over a seeded shuffle; std::shuffle with mt19937_64 is deterministic within one standard library.
    std::iota(order_.begin(), order_.end(), 0);
    progress_.steps = config.steps;
}

AnswerTrainer::~AnswerTrainer() {
    for (auto& p : parameters_) p.set_requires_grad(false);
}

void AnswerTrainer::step() {
    if (finished()) throw ConfigError("training has already done all of its " + std::to_string(config_.steps) + " steps");
    const int64_t step = progress_.step;
    std::vector<std::vector<int32_t>> prompts;
    std::vector<int64_t> answers;
    for (int64_t i = 0; i < config_.batchSize; ++i) {
        if (cursor_ == order_.size()) {
            std::shuffle(order_.begin(), order_.end(), rng_);
            cursor_ = 0;
        }
        const AnswerExample& e = examples_[size_t(order_[cursor_++])];
        prompts.push_back(e.prompt);
        answers.push_back(e.answer);
    }
    TokenBatch batch = makeLeftPaddedBatch(prompts, config_.padId, model_.device());
    at::Tensor target = at::tensor(answers, at::kLong).to(model_.device());
    at::Tensor logits =
        model_.forward(batch.ids, batch.mask, {}, /*training=*/true, LogitPositions::Last).logits.select(1, 0);
    at::Tensor loss = at::cross_entropy_loss(logits.to(at::kFloat), target);

    optimizer_->setLearningRate(scheduledLearningRate(config_, step));
    optimizer_->zeroGrad();
    loss.backward();
    optimizer_->step();

    const double decay = step == 0 ? 0.0 : 0.95;
    progress_.loss = decay * progress_.loss + (1 - decay) * loss.item<double>();
    progress_.accuracy = decay * progress_.accuracy +
                         (1 - decay) * logits.argmax(-1).eq(target).to(at::kFloat).mean().item<double>();
    progress_.step = step + 1;
}

std::vector<unsigned char> AnswerTrainer::checkpoint() const {
    TrainingCheckpoint c;
    c.parameters = parameters_;
    c.firstMoments = optimizer_->firstMoments();
    c.secondMoments = optimizer_->secondMoments();
    c.dataOrder = at::tensor(order_, at::kLong);
    c.torchRng = torchCpuRngState();
    std::ostringstream rng;
    rng << rng_;
    c.state = {{"format", kCheckpointFormat},
               {"step", progress_.step},
               {"cursor", cursor_},
               {"rng", rng.str()},
               {"loss_average", progress_.loss},
               {"accuracy_average", progress_.accuracy},
               {"optimizer_steps", optimizer_->stepCount()},
               {"config", configJson(config_, examples_.size())}};
    return encodeTrainingCheckpoint(c);
}

void AnswerTrainer::resume(const std::vector<unsigned char>& bytes, const std::string& source) {
    TrainingCheckpoint c = decodeTrainingCheckpoint(bytes, source);
    const nlohmann::json& s = c.state;
    auto fail = [&](const std::string& problem) -> void { throw FileError(source, problem); };
    if (!s.contains("format") || s["format"] != kCheckpointFormat)
        fail("training state field 'format' is not " + std::to_string(kCheckpointFormat));
    const nlohmann::json expected = configJson(config_, examples_.size());
    if (!s.contains("config") || s["config"] != expected)
        fail("it was taken with another training configuration (" + s.value("config", nlohmann::json()).dump() +
             ", now " + expected.dump() + ")");
    for (const char* key : {"step", "cursor", "optimizer_steps"})
        if (!s.contains(key) || !s[key].is_number_unsigned()) fail(std::string("training state field '") + key + "' must be a non-negative integer");
    for (const char* key : {"loss_average", "accuracy_average"})
        if (!s.contains(key) || !s[key].is_number()) fail(std::string("training state field '") + key + "' must be a number");
    const auto step = s["step"].get<std::uint64_t>();
    const auto cursor = s["cursor"].get<std::uint64_t>();
    if (step > std::uint64_t(config_.steps)) fail("training state field 'step' is beyond the configured steps");
    if (c.dataOrder.numel() != int64_t(examples_.size()) || cursor > examples_.size())
        fail("tensor 'data.order' or field 'cursor' does not fit the " + std::to_string(examples_.size()) + " examples");
    std::vector<int64_t> order(c.dataOrder.data_ptr<int64_t>(), c.dataOrder.data_ptr<int64_t>() + c.dataOrder.numel());
    std::vector<int64_t> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    for (size_t i = 0; i < sorted.size(); ++i)
        if (sorted[i] != int64_t(i)) fail("tensor 'data.order' is not a permutation of the examples");
    std::mt19937_64 rng;
    std::istringstream rngText(s.contains("rng") && s["rng"].is_string() ? s["rng"].get<std::string>() : "");
    rngText >> rng;
    if (!rngText) fail("training state field 'rng' is not a std::mt19937_64 state");
    if (c.parameters.size() != parameters_.size())
        fail("it holds " + std::to_string(c.parameters.size()) + " parameters, the model has " +
             std::to_string(parameters_.size()));
    for (size_t i = 0; i < parameters_.size(); ++i)
        if (c.parameters[i].sizes() != parameters_[i].sizes() || c.parameters[i].scalar_type() != parameters_[i].scalar_type())
            fail("tensor 'param." + std::to_string(i) + "' does not match the model's parameter in shape or dtype");
    try {
        setTorchCpuRngState(c.torchRng);
        optimizer_->restoreState(s["optimizer_steps"].get<int64_t>(), c.firstMoments, c.secondMoments);
    } catch (const std::exception& e) {
        fail(e.what());
    }

    {
        at::NoGradGuard noGrad;
        for (size_t i = 0; i < parameters_.size(); ++i) parameters_[i].copy_(c.parameters[i]);
    }
    order_ = std::move(order);
    cursor_ = size_t(cursor);
    rng_ = rng;
    progress_.step = int64_t(step);
    progress_.loss = s["loss_average"].get<double>();
    progress_.accuracy = s["accuracy_average"].get<double>();
}

TrainingProgress trainOnAnswers(DecoderModel& model, const std::vector<AnswerExample>& examples,
                                const AnswerTrainingConfig& config, const TrainingCallback& callback) {
    AnswerTrainer trainer(model, examples, config);
    while (!trainer.finished()) {
        trainer.step();
        if (callback && !callback(trainer.progress())) break;
    }
    return trainer.progress();
}

}  // namespace redit
