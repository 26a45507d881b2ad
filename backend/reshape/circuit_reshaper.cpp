#include "reshape/circuit_reshaper.h"

#include <ATen/core/grad_mode.h>
#include <algorithm>
#include <numeric>
#include <optional>

#include <torch/csrc/autograd/autograd.h>

#include "data/random.h"
#include "model/memory_estimate.h"
#include "model/scoring.h"
#include "model/trainable_parameters.h"
#include "model/training_checkpoint.h"
#include "reshape/attribution_vector.h"
#include "reshape/gradient_projection.h"
#include "reshape/infonce.h"
#include "reshape/prediction_preservation.h"
#include "reshape/reptile.h"
#include "util/error.h"

namespace redit {

namespace {

constexpr std::uint64_t kPreserveStream = 0x70726573u;  // keeps the preserve draws apart from the tasks'

std::vector<std::vector<std::string>> poolDomains(const ReshapeData& data) {
    std::vector<std::vector<std::string>> out;
    for (const auto& pool : data.pools) {
        out.emplace_back();
        for (const ReshapePair& p : pool) out.back().push_back(p.domain);
    }
    return out;
}

void checkOptions(const ReshapeOptions& o) {
    if (!(o.temperature > 0)) throw ConfigError("reshape temperature must be positive");
    if (o.metaIterations < 1) throw ConfigError("reshape needs at least one meta-iteration");
    if (o.tasksPerIteration < 1) throw ConfigError("reshape needs at least one task per meta-iteration");
    if (o.innerSteps < 1) throw ConfigError("reshape needs at least one inner step per task");
    if (!(o.innerLearningRate > 0)) throw ConfigError("reshape inner learning rate must be positive");
    if (!(o.outerLearningRate > 0)) throw ConfigError("reshape outer learning rate (eta) must be positive");
    if (!(o.rho >= 0)) throw ConfigError("reshape projection strength rho must be non-negative");
    if (!(o.klWeight >= 0)) throw ConfigError("reshape KL weight (lambda) must be non-negative");
    if (o.attributionChunk < 0) throw ConfigError("reshape attribution chunk must be 0 (whole task) or positive");
    if (o.predictionPreservation && o.preserveBatchSize < 1)
        throw ConfigError("reshape preserve batch size must be at least 1");
}

void checkData(const ReshapeData& data, int64_t vocab) {
    if (data.candidates.empty()) throw ConfigError("reshape needs the candidate answer tokens");
    for (int64_t c : data.candidates)
        if (c < 0 || c >= vocab) throw ConfigError("candidate answer token " + std::to_string(c) + " is outside the vocabulary");
    for (const auto& pool : data.pools)
        for (const ReshapePair& p : pool)
            if (p.clean.empty() || p.clean.size() != p.corrupted.size())
                throw ConfigError("reshape pair (domain '" + p.domain + "') has clean and corrupted prompts of " +
                                  std::to_string(p.clean.size()) + " and " + std::to_string(p.corrupted.size()) +
                                  " tokens; they must be non-empty and equally long");
    for (const PreservePrompt& p : data.preserve)
        if (p.prompt.empty() || p.goldCandidate < 0 || p.goldCandidate >= int64_t(data.candidates.size()))
            throw ConfigError("reshape preserve prompt is empty or its gold answer is not a candidate");
}

nlohmann::json shapingOptions(const ReshapeOptions& o) {
    nlohmann::json json = {{"granularity", o.granularity == Granularity::Edge ? "edge" : "node"},
            {"temperature", o.temperature},
            {"meta_iterations", o.metaIterations},
            {"tasks_per_iteration", o.tasksPerIteration},
            {"anchors_per_task", o.anchorsPerTask},
            {"negatives_per_anchor", o.negativesPerAnchor},
            {"inner_steps", o.innerSteps},
            {"inner_learning_rate", o.innerLearningRate},
            {"outer_learning_rate", o.outerLearningRate},
            {"meta_learning", o.metaLearning},
            {"null_space_protection", o.nullSpaceProtection},
            {"rho", o.rho},
            {"prediction_preservation", o.predictionPreservation},
            {"kl_weight", o.klWeight},
            {"preserve_batch_size", o.preserveBatchSize},
            {"trainable", o.trainable},
            {"seed", o.seed}};
    // Only when not the default, so that checkpoints written before the option existed still resume.
    if (o.preserveSupport == AnswerSupport::FullVocabulary) json["preserve_support"] = "vocabulary";
    return json;
}

// Last-position logits over the whole vocabulary [B, V].
at::Tensor lastLogits(const DecoderModel& model, const std::vector<std::vector<int32_t>>& prompts, int64_t padId) {
    const TokenBatch batch = makeLeftPaddedBatch(prompts, padId, model.device());
    return model.forward(batch.ids, batch.mask, {}, false, LogitPositions::Last).logits.select(1, 0);
}

// Last-position logits of the candidate answers [B, C].
at::Tensor candidateLastLogits(const DecoderModel& model, const std::vector<std::vector<int32_t>>& prompts,
                               const std::vector<int64_t>& candidates, int64_t padId) {
    return lastLogits(model, prompts, padId).index_select(1, at::tensor(candidates, at::kLong).to(model.device()));
}

std::vector<at::Tensor> gradientsOf(const at::Tensor& loss, const std::vector<at::Tensor>& parameters) {
    std::vector<at::Tensor> grads = torch::autograd::grad({loss}, parameters, {}, false, false, true);
    for (size_t i = 0; i < grads.size(); ++i)
        if (!grads[i].defined()) grads[i] = at::zeros_like(parameters[i]);
    return grads;
}

}  // namespace

struct CircuitReshaper::TaskMeasures {
    double contrastiveLoss = 0, positiveCosine = 0, negativeCosine = 0, predictionKl = 0;
    double projectionShare = 0;  // summed over the task's inner steps
};

CircuitReshaper::CircuitReshaper(DecoderModel& model, std::shared_ptr<const DecoderModel> reference, ReshapeData data,
                                 ReshapeOptions options)
    : model_(model),
      data_(std::move(data)),
      options_(std::move(options)),
      sampler_((checkOptions(options_), poolDomains(data_)), options_.anchorsPerTask, options_.negativesPerAnchor,
               options_.seed) {
    checkData(data_, model_.config().vocabSize);
    const DecoderWeights& w = model_.weights();
    for (auto& [name, tensor] : w.named(w.lmHead.is_same(w.embedding))) tensor.set_requires_grad(false);
    for (NamedParameter& p : selectTrainableParameters(w, options_.trainable)) {
        names_.push_back(std::move(p.name));
        parameters_.push_back(std::move(p.tensor));
    }
    masters_ = std::make_unique<MasterWeights>(parameters_);

    if (options_.predictionPreservation) {
        if (!reference) throw ConfigError("prediction preservation needs the frozen reference model");
        at::NoGradGuard noGrad;
        std::vector<at::Tensor> logits;
        constexpr size_t kChunk = 64;
        for (size_t begin = 0; begin < data_.preserve.size(); begin += kChunk) {
            std::vector<std::vector<int32_t>> prompts;
            for (size_t i = begin; i < std::min(begin + kChunk, data_.preserve.size()); ++i)
                prompts.push_back(data_.preserve[i].prompt);
            // At the model's precision (at least fp32): the KL of an fp64 model stays exact.
            const at::Tensor all = lastLogits(*reference, prompts, data_.padId)
                                       .to(at::kCPU, at::promote_types(reference->dtype(), at::kFloat));
            const at::Tensor candidates = all.index_select(1, at::tensor(data_.candidates, at::kLong));
            const at::Tensor best = candidates.argmax(1);
            // Kept as the KL will compare them: the candidates' logits, or the whole row.
            const at::Tensor kept = options_.preserveSupport == AnswerSupport::FullVocabulary ? all : candidates;
            for (int64_t r = 0; r < candidates.size(0); ++r)
                if (best[r].item<int64_t>() == data_.preserve[begin + size_t(r)].goldCandidate) {
                    keptPreserve_.push_back(begin + size_t(r));
                    logits.push_back(kept[r]);
                }
        }
        if (keptPreserve_.empty())
            throw ConfigError("prediction preservation has no preserve prompt that the reference answers correctly");
        referenceLogits_ = at::stack(logits);
    }
    for (at::Tensor& p : parameters_) p.set_requires_grad(true);
    progress_.iterations = options_.metaIterations;
}

CircuitReshaper::~CircuitReshaper() {
    for (at::Tensor& p : parameters_) p.set_requires_grad(false);
}

at::Tensor CircuitReshaper::preserveLoss(int64_t taskIndex, int64_t step) {
    const std::uint64_t key = data::mixSeed(
        data::mixSeed(data::mixSeed(data::mixSeed(options_.seed, kPreserveStream), std::uint64_t(progress_.iteration)),
                      std::uint64_t(taskIndex)),
        std::uint64_t(step));
    data::Rng rng(key);
    std::vector<int64_t> rows(keptPreserve_.size());
    std::iota(rows.begin(), rows.end(), 0);
    rng.shuffle(rows);
    rows.resize(std::min<size_t>(rows.size(), size_t(options_.preserveBatchSize)));
    std::vector<std::vector<int32_t>> prompts;
    for (int64_t r : rows) prompts.push_back(data_.preserve[keptPreserve_[size_t(r)]].prompt);
    const at::Tensor reference = referenceLogits_.index_select(0, at::tensor(rows, at::kLong));
    const at::Tensor keep = at::ones({int64_t(rows.size())}, at::kBool);  // every drawn prompt counts
    if (options_.preserveSupport == AnswerSupport::FullVocabulary)
        return answerKlDivergence(reference, lastLogits(model_, prompts, data_.padId), keep, AnswerSupport::FullVocabulary, {});
    const at::Tensor current = candidateLastLogits(model_, prompts, data_.candidates, data_.padId);
    std::vector<int64_t> all(data_.candidates.size());  // the logits are already the candidates'
    std::iota(all.begin(), all.end(), 0);
    return answerKlDivergence(reference, current, keep, AnswerSupport::Candidates, all);
}

namespace {

// Rows [begin, begin + count) of a left-padded pair batch, keeping its padding (so every row's attribution
// vector is computed exactly as in the whole batch).
EapBatch batchRows(const EapBatch& batch, int64_t begin, int64_t count) {
    EapBatch part;
    part.clean = {batch.clean.ids.narrow(0, begin, count), batch.clean.mask.narrow(0, begin, count)};
    part.corrupted = {batch.corrupted.ids.narrow(0, begin, count), batch.corrupted.mask.narrow(0, begin, count)};
    part.cleanAnswers.assign(batch.cleanAnswers.begin() + begin, batch.cleanAnswers.begin() + begin + count);
    part.corruptedAnswers.assign(batch.corruptedAnswers.begin() + begin, batch.corruptedAnswers.begin() + begin + count);
    return part;
}

}  // namespace

std::vector<at::Tensor> CircuitReshaper::contrastiveGradients(const EapBatch& batch, int64_t A, int64_t M, bool measure,
                                                              TaskMeasures* measures) {
    const int64_t rows = batch.clean.ids.size(0);
    const int64_t chunk = options_.attributionChunk > 0 ? std::min(options_.attributionChunk, rows) : rows;
    auto loss = [&](const at::Tensor& w) {
        return infoNceLoss(w.narrow(0, 0, A), w.narrow(0, A, A), w.narrow(0, 2 * A, A * M).view({A, M, w.size(1)}),
                           options_.temperature);
    };
    at::Tensor w;  // the attribution vectors, with a graph only when the task is differentiated in one piece
    std::vector<at::Tensor> gradients;
    if (chunk == rows) {
        w = attributionVectors(model_, batch, options_.granularity);
        gradients = gradientsOf(loss(w), parameters_);
    } else {
        // dL/dtheta = sum over chunks c of (dL/dw_c) . (dw_c/dtheta): the loss couples the rows only through
        // the vectors, so their gradient is taken once on plain values and then pushed back chunk by chunk.
        std::vector<at::Tensor> parts;
        {
            at::NoGradGuard noGraph;
            for (int64_t begin = 0; begin < rows; begin += chunk)
                parts.push_back(attributionVectors(model_, batchRows(batch, begin, std::min(chunk, rows - begin)),
                                                   options_.granularity));
        }
        w = at::cat(parts).requires_grad_(true);
        const at::Tensor dLossDw = torch::autograd::grad({loss(w)}, {w})[0];
        for (at::Tensor& p : parameters_) gradients.push_back(at::zeros_like(p));
        for (int64_t begin = 0; begin < rows; begin += chunk) {
            const int64_t count = std::min(chunk, rows - begin);
            const at::Tensor part = attributionVectors(model_, batchRows(batch, begin, count), options_.granularity);
            std::vector<at::Tensor> g =
                torch::autograd::grad({part}, parameters_, {dLossDw.narrow(0, begin, count)}, false, false, true);
            for (size_t i = 0; i < g.size(); ++i)
                if (g[i].defined()) gradients[i].add_(g[i]);
        }
    }
    if (measure) {
        at::NoGradGuard noGrad;
        const at::Tensor v = w.detach();
        auto unit = [](const at::Tensor& t) { return t / t.norm(2, -1, true).clamp_min(1e-30); };
        const at::Tensor a = unit(v.narrow(0, 0, A));
        measures->contrastiveLoss = loss(v).item<double>() / double(A);
        measures->positiveCosine = (a * unit(v.narrow(0, A, A))).sum(1).mean().item<double>();
        measures->negativeCosine =
            (a.unsqueeze(1) * unit(v.narrow(0, 2 * A, A * M).view({A, M, v.size(1)}))).sum(2).mean().item<double>();
    }
    return gradients;
}

void CircuitReshaper::innerStep(const ContrastiveTask& task, int64_t taskIndex, int64_t step, TaskMeasures* measures) {
    const int64_t A = int64_t(task.size()), M = int64_t(task.front().negatives.size());
    std::vector<PairRef> rows;
    for (const auto& c : task) rows.push_back(c.anchor);
    for (const auto& c : task) rows.push_back(c.positive);
    for (const auto& c : task) rows.insert(rows.end(), c.negatives.begin(), c.negatives.end());
    std::vector<std::vector<int32_t>> clean, corrupted;
    EapBatch batch;
    for (const PairRef& r : rows) {
        const ReshapePair& p = data_.pools[r.pattern][r.pair];
        clean.push_back(p.clean);
        corrupted.push_back(p.corrupted);
        batch.cleanAnswers.push_back(p.cleanAnswer);
        batch.corruptedAnswers.push_back(p.corruptedAnswer);
    }
    batch.clean = makeLeftPaddedBatch(clean, data_.padId, model_.device());
    batch.corrupted = makeLeftPaddedBatch(corrupted, data_.padId, model_.device());

    std::vector<at::Tensor> update = contrastiveGradients(batch, A, M, step == 0, measures);

    if (options_.nullSpaceProtection) {
        // g: answer cross-entropy over the candidates on the anchor group (clean and corrupted prompts).
        std::vector<std::vector<int32_t>> prompts;
        std::vector<int64_t> gold;
        auto candidateIndex = [&](int64_t token) {
            const auto it = std::find(data_.candidates.begin(), data_.candidates.end(), token);
            if (it == data_.candidates.end())
                throw ConfigError("reshape answer token " + std::to_string(token) + " is not a candidate answer");
            return int64_t(it - data_.candidates.begin());
        };
        for (const auto& c : task) {
            const ReshapePair& p = data_.pools[c.anchor.pattern][c.anchor.pair];
            prompts.push_back(p.clean);
            gold.push_back(candidateIndex(p.cleanAnswer));
            prompts.push_back(p.corrupted);
            gold.push_back(candidateIndex(p.corruptedAnswer));
        }
        const at::Tensor logits = candidateLastLogits(model_, prompts, data_.candidates, data_.padId);
        const at::Tensor logProbs = at::log_softmax(logits.to(at::promote_types(logits.scalar_type(), at::kFloat)), 1);
        const at::Tensor crossEntropy =
            -logProbs.gather(1, at::tensor(gold, at::kLong).to(logits.device()).view({-1, 1})).mean();
        const std::vector<at::Tensor> protect = gradientsOf(crossEntropy, parameters_);
        const at::Tensor g = flattenGradients(update, parameters_), p = flattenGradients(protect, parameters_);
        const double gg = g.dot(g).item<double>(), pp = p.dot(p).item<double>(), gp = g.dot(p).item<double>();
        if (gg > 0) measures->projectionShare += options_.rho * options_.rho * gp * gp / ((pp + 1e-12) * (pp + 1e-12)) * pp / gg;
        update = projectGradients(update, protect, parameters_, options_.rho);
    }

    if (options_.predictionPreservation) {
        const at::Tensor kl = preserveLoss(taskIndex, step);
        if (step == 0) measures->predictionKl = kl.item<double>();
        const std::vector<at::Tensor> klGradients = gradientsOf(kl, parameters_);
        for (size_t i = 0; i < update.size(); ++i) update[i] = update[i] + options_.klWeight * klGradients[i];
    }
    for (at::Tensor& u : update) u = u * -options_.innerLearningRate;
    masters_->add(update);
}

CircuitReshaper::TaskMeasures CircuitReshaper::runTask(int64_t taskIndex) {
    const ContrastiveTask task = sampler_.task(progress_.iteration, taskIndex);
    TaskMeasures measures;
    for (int64_t s = 0; s < options_.innerSteps; ++s) innerStep(task, taskIndex, s, &measures);
    return measures;
}

void CircuitReshaper::metaStep() {
    if (finished()) throw ConfigError("the reshape has finished all its meta-iterations");
    std::vector<at::Tensor> theta;
    std::optional<ReptileAccumulator> reptile;
    if (options_.metaLearning) {
        for (const at::Tensor& m : masters_->masters()) theta.push_back(m.clone());
        reptile.emplace(theta);
    }
    ReshapeProgress sum;
    for (int64_t t = 0; t < options_.tasksPerIteration; ++t) {
        if (reptile && t > 0) {  // every task starts from theta
            at::NoGradGuard noGrad;
            for (size_t i = 0; i < theta.size(); ++i) masters_->masters()[i].copy_(theta[i]);
            masters_->syncToModel();
        }
        const TaskMeasures m = runTask(t);
        if (reptile) reptile->addTask(masters_->masters());
        sum.contrastiveLoss += m.contrastiveLoss;
        sum.predictionKl += m.predictionKl;
        sum.positiveCosine += m.positiveCosine;
        sum.negativeCosine += m.negativeCosine;
        sum.projectionShare += m.projectionShare / double(options_.innerSteps);
    }
    if (reptile) {
        reptile->apply(masters_->masters(), options_.outerLearningRate);
        masters_->syncToModel();
    }
    const double tasks = double(options_.tasksPerIteration);
    progress_.contrastiveLoss = sum.contrastiveLoss / tasks;
    progress_.predictionKl = sum.predictionKl / tasks;
    progress_.positiveCosine = sum.positiveCosine / tasks;
    progress_.negativeCosine = sum.negativeCosine / tasks;
    progress_.projectionShare = sum.projectionShare / tasks;
    ++progress_.iteration;
}

std::vector<unsigned char> CircuitReshaper::checkpoint() const {
    TrainingCheckpoint c;
    for (const at::Tensor& m : masters_->masters()) {
        c.parameters.push_back(m.detach().cpu().clone());
        c.firstMoments.push_back(at::empty({0}, at::kFloat));
        c.secondMoments.push_back(at::empty({0}, at::kFloat));
    }
    c.dataOrder = at::empty({0}, at::kLong);
    c.torchRng = at::empty({0}, at::kByte);
    c.state = {{"format", 1},
               {"kind", "reshape"},
               {"iteration", progress_.iteration},
               {"contrastive_loss", progress_.contrastiveLoss},
               {"prediction_kl", progress_.predictionKl},
               {"positive_cosine", progress_.positiveCosine},
               {"negative_cosine", progress_.negativeCosine},
               {"projection_share", progress_.projectionShare},
               {"options", shapingOptions(options_)},
               {"names", names_}};
    return encodeTrainingCheckpoint(c);
}

void CircuitReshaper::resume(const std::vector<unsigned char>& bytes, const std::string& source) {
    const TrainingCheckpoint c = decodeTrainingCheckpoint(bytes, source);
    const nlohmann::json& s = c.state;
    try {
        if (s.value("kind", std::string()) != "reshape") throw FileError(source, "is not a reshape checkpoint");
        if (s.at("options") != shapingOptions(options_))
            throw FileError(source, "was taken with other reshape options");
        if (s.at("names").get<std::vector<std::string>>() != names_)
            throw FileError(source, "holds other trainable parameters");
        for (size_t i = 0; i < parameters_.size(); ++i)
            if (c.parameters[i].sizes() != masters_->masters()[i].sizes())
                throw FileError(source, "parameter '" + names_[i] + "' has another shape");
        ReshapeProgress p;
        p.iterations = options_.metaIterations;
        p.iteration = s.at("iteration").get<int64_t>();
        if (p.iteration < 0 || p.iteration > p.iterations) throw FileError(source, "names an iteration out of range");
        p.contrastiveLoss = s.at("contrastive_loss").get<double>();
        p.predictionKl = s.at("prediction_kl").get<double>();
        p.positiveCosine = s.at("positive_cosine").get<double>();
        p.negativeCosine = s.at("negative_cosine").get<double>();
        p.projectionShare = s.at("projection_share").get<double>();
        at::NoGradGuard noGrad;
        for (size_t i = 0; i < parameters_.size(); ++i) masters_->masters()[i].copy_(c.parameters[i]);
        masters_->syncToModel();
        progress_ = p;
    } catch (const nlohmann::json::exception& e) {
        throw FileError(source, std::string("reshape state is incomplete: ") + e.what());
    }
}

std::shared_ptr<const DecoderModel> frozenCopy(const DecoderModel& model) {
    at::NoGradGuard noGrad;
    DecoderWeights w = model.weights();
    const bool tied = w.lmHead.is_same(w.embedding);
    auto copy = [](at::Tensor& t) {
        if (t.defined()) t = t.detach().clone();
    };
    copy(w.embedding);
    copy(w.finalNorm);
    if (tied)
        w.lmHead = w.embedding;
    else
        copy(w.lmHead);
    for (DecoderLayerWeights& L : w.layers) {
        copy(L.inputNorm);
        copy(L.postAttentionNorm);
        for (Linear* l : {&L.q, &L.k, &L.v, &L.o, &L.gate, &L.up, &L.down}) {
            copy(l->weight);
            copy(l->bias);
            if (l->lora) {
                copy(l->lora->a);
                copy(l->lora->b);
            }
        }
    }
    return std::make_shared<const DecoderModel>(model.config(), std::move(w));
}

int64_t CircuitReshaper::trainableParameterCount() const {
    int64_t n = 0;
    for (const at::Tensor& p : parameters_) n += p.numel();
    return n;
}

int64_t CircuitReshaper::longestPairPrompt() const {
    size_t longest = 0;
    for (const auto& pool : data_.pools)
        for (const ReshapePair& p : pool) longest = std::max(longest, p.clean.size());
    return int64_t(longest);
}

int64_t CircuitReshaper::referenceLogitBytes() const {
    return referenceLogits_.defined() ? referenceLogits_.numel() * int64_t(referenceLogits_.element_size()) : 0;
}

// LibTorch, the program and its data before any model: 160-240 MiB measured (`redit --version`, a small eval).
constexpr int64_t kRuntimeBytes = int64_t(256) << 20;

int64_t estimateReshapeBytes(const ModelConfig& config, const ReshapeOptions& options, int64_t bytesPerValue,
                             int64_t promptLength, int64_t trainableParameters) {
    const int64_t taskRows = options.anchorsPerTask * (2 + options.negativesPerAnchor);
    const int64_t rows = options.attributionChunk > 0 ? std::min(options.attributionChunk, taskRows) : taskRows;
    const MemoryEstimate weights = estimateMemory(config, bytesPerValue, 1, 1, ForwardMode::Inference);
    int64_t bytes = kRuntimeBytes;
    bytes += 2 * weights.weightBytes;      // the model and the frozen reference
    bytes += 3 * trainableParameters * 4;  // fp32 masters, Reptile's snapshot and sum of differences
    bytes += 3 * trainableParameters * 4;  // contrastive, protection and KL gradients
    // The double backward keeps the attribution forward and the first backward's graph (create_graph): about
    // two attribution passes (the logits only at the last position), plus the upstream outputs and downstream
    // gradients in the score product's layout, and the per-pair score matrices. The factors are the ones that
    // match the measured peaks of SmolLM2-135M (docs/performance.md; tests/reshape pins them within 25%).
    const MemoryEstimate attribution = estimateMemory(config, bytesPerValue, rows, promptLength, ForwardMode::Attribution);
    const int64_t allPositionLogits = rows * promptLength * config.vocabSize * 4;
    bytes += 2 * (attribution.activationBytes - attribution.weightBytes - allPositionLogits + rows * config.vocabSize * 4);
    const CircuitGraph graph(GraphShape::of(config));
    const int64_t values = rows * promptLength * config.hiddenSize;
    bytes += (3 * graph.upstreamCount() + graph.downstreamCount()) * values * std::max<int64_t>(bytesPerValue, 4);
    bytes += 2 * rows * graph.upstreamCount() * graph.downstreamCount() * 4;
    return bytes;
}

std::string describeReshapeEstimate(const CircuitReshaper& reshaper, const DecoderModel& model,
                                    const ReshapeOptions& options) {
    const int64_t bytesPerValue = int64_t(c10::elementSize(model.dtype()));
    const int64_t estimate = estimateReshapeBytes(model.config(), options, bytesPerValue, reshaper.longestPairPrompt(),
                                                  reshaper.trainableParameterCount()) +
                             reshaper.referenceLogitBytes();
    return "estimated peak memory " + formatBytes(estimate) + " (" + std::to_string(reshaper.trainableParameterCount()) +
           " trained parameters, tasks of " + std::to_string(options.anchorsPerTask * (2 + options.negativesPerAnchor)) +
           " prompts of up to " + std::to_string(reshaper.longestPairPrompt()) + " tokens)";
}

}  // namespace redit
