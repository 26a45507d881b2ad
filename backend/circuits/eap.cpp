#include "circuits/eap.h"

#include <ATen/core/grad_mode.h>
#include <algorithm>

#include "circuits/eap_operands.h"
#include "model/memory_estimate.h"
#include "util/error.h"

namespace redit {

namespace {

// The examples [begin, begin + count) of a batch, on the model's device.
struct Chunk {
    at::Tensor clean, corrupted, mask;           // [b, T]
    at::Tensor cleanAnswers, corruptedAnswers;   // [b]
};

void checkBatch(const DecoderModel& model, const EapBatch& batch, const EapOptions& options) {
    const at::Tensor& ids = batch.clean.ids;
    if (!ids.defined() || ids.dim() != 2 || ids.size(0) == 0 || ids.size(1) == 0)
        throw ConfigError("EAP needs clean token ids of shape [batch, length]");
    if (!batch.corrupted.ids.defined() || batch.corrupted.ids.sizes() != ids.sizes())
        throw ConfigError("EAP needs corrupted prompts of the clean prompts' shape (pairs of equal length)");
    const at::Tensor ones = at::ones_like(ids);
    const at::Tensor cleanMask = batch.clean.mask.defined() ? batch.clean.mask : ones;
    const at::Tensor corruptMask = batch.corrupted.mask.defined() ? batch.corrupted.mask : ones;
    if (cleanMask.sizes() != ids.sizes() || !at::equal(cleanMask.to(at::kLong).cpu(), corruptMask.to(at::kLong).cpu()))
        throw ConfigError("EAP needs the same padding mask for clean and corrupted prompts");
    const int64_t vocab = model.config().vocabSize;
    for (const at::Tensor& t : {ids, batch.corrupted.ids})
        if (t.min().item<int64_t>() < 0 || t.max().item<int64_t>() >= vocab)
            throw ConfigError("EAP prompt has a token id outside the vocabulary (" + std::to_string(vocab) + ")");
    const auto B = size_t(ids.size(0));
    const bool needsCorruptedAnswers = options.metric != EapMetric::KlDivergence;
    if (batch.cleanAnswers.size() != B || (needsCorruptedAnswers && batch.corruptedAnswers.size() != B))
        throw ConfigError("EAP needs one clean" + std::string(needsCorruptedAnswers ? " and one corrupted" : "") +
                          " answer per example (" + std::to_string(B) + ")");
    for (const auto* answers : {&batch.cleanAnswers, &batch.corruptedAnswers})
        for (int64_t a : *answers)
            if (a < 0 || a >= vocab) throw ConfigError("EAP answer id " + std::to_string(a) + " is outside the vocabulary");
    if (options.integratedGradientSteps < 0) throw ConfigError("EAP-IG steps must be 0 (plain EAP) or more");
}

Chunk chunkOf(const DecoderModel& model, const EapBatch& batch, int64_t begin, int64_t count, EapMetric metric) {
    const at::Device dev = model.device();
    auto rows = [&](const at::Tensor& t) { return t.narrow(0, begin, count).to(dev, at::kLong); };
    auto answers = [&](const std::vector<int64_t>& a) {
        if (a.empty()) return at::Tensor();
        return at::tensor(std::vector<int64_t>(a.begin() + begin, a.begin() + begin + count), at::kLong).to(dev);
    };
    Chunk c;
    c.clean = rows(batch.clean.ids);
    c.corrupted = rows(batch.corrupted.ids);
    c.mask = batch.clean.mask.defined() ? rows(batch.clean.mask) : at::ones_like(c.clean);
    c.cleanAnswers = answers(batch.cleanAnswers);
    if (metric != EapMetric::KlDivergence) c.corruptedAnswers = answers(batch.corruptedAnswers);
    return c;
}

// The last real position's logits [b, V] of a forward pass (that computed all positions or the last only).
at::Tensor lastLogits(const at::Tensor& logits, const Chunk& c) {
    if (logits.size(1) == 1) return logits.select(1, 0);
    return logits.index({at::arange(logits.size(0), c.mask.options()), lastRealPositions(c.mask)});
}

// Metric summed over the chunk's examples (examples do not interact, so each gets its own gradient).
at::Tensor metricSum(const at::Tensor& logits, const Chunk& c, EapMetric metric, const at::Tensor& corruptedLogProbs) {
    at::Tensor last = lastLogits(logits, c);
    last = last.to(at::promote_types(last.scalar_type(), at::kFloat));
    switch (metric) {
        case EapMetric::LogitDifference:
            return (last.gather(1, c.cleanAnswers.view({-1, 1})) - last.gather(1, c.corruptedAnswers.view({-1, 1}))).sum();
        case EapMetric::ProbabilityDifference: {
            at::Tensor p = at::softmax(last, -1);
            return (p.gather(1, c.cleanAnswers.view({-1, 1})) - p.gather(1, c.corruptedAnswers.view({-1, 1}))).sum();
        }
        case EapMetric::KlDivergence: {
            at::Tensor target = corruptedLogProbs.to(last.scalar_type());
            return (target.exp() * (target - at::log_softmax(last, -1))).sum();
        }
    }
    return {};
}

// Scores of one chunk summed over its examples; nullopt when cancelled between passes. Every pass is an
// ordinary forward with taps (docs/circuits.md "Computing it").
std::optional<at::Tensor> chunkScores(const DecoderModel& model, const CircuitGraph& graph, const Chunk& c,
                                      const EapOptions& options, at::ScalarType scoreType) {
    at::AutoGradMode enableGrad(true);  // also under a caller's no-grad guard
    HookOptions tap;
    tap.tapAttribution = true;
    // The metric reads the last real position: when that is the last column of every row (left padding),
    // the logits are computed there only.
    const LogitPositions positions =
        c.mask.select(1, c.mask.size(1) - 1).all().item<bool>() ? LogitPositions::Last : LogitPositions::All;
    ForwardResult corrupted, clean;
    {
        at::NoGradGuard noGrad;
        corrupted = model.forward(c.corrupted, c.mask, tap, false, positions);
    }
    at::Tensor corruptedLogProbs;
    if (options.metric == EapMetric::KlDivergence) {
        const at::Tensor last = lastLogits(corrupted.logits, c);
        corruptedLogProbs = at::log_softmax(last.to(at::promote_types(last.scalar_type(), at::kFloat)), -1);
    }

    at::Tensor readerGradients;
    const int64_t steps = options.integratedGradientSteps;
    if (steps == 0) {
        clean = model.forward(c.clean, c.mask, tap, false, positions);
        readerGradients =
            readerGradientRows(model, metricSum(clean.logits, c, options.metric, corruptedLogProbs), clean.taps);
    } else {
        {
            at::NoGradGuard noGrad;
            clean = model.forward(c.clean, c.mask, tap, false, positions);
        }
        const at::Tensor from = corrupted.taps.embedding, towards = clean.taps.embedding;
        for (int64_t k = 1; k <= steps; ++k) {
            if (options.cancelled && options.cancelled()) return std::nullopt;
            const double alpha = double(k) / double(steps);
            HookOptions interpolate = tap;
            interpolate.patch = [&](UpstreamKind kind, int64_t, const at::Tensor& out) {
                return kind == UpstreamKind::Embedding ? from + alpha * (towards - from) : out;
            };
            ForwardResult r = model.forward(c.clean, c.mask, interpolate, false, positions);
            at::Tensor g = readerGradientRows(model, metricSum(r.logits, c, options.metric, corruptedLogProbs), r.taps);
            readerGradients = readerGradients.defined() ? readerGradients + g : g;
        }
        readerGradients = readerGradients / double(steps);
    }

    at::NoGradGuard noGrad;
    // Padding positions carry no signal: their differences are zeroed. Summed over the chunk's examples: the
    // example axis joins the contraction.
    const at::Tensor differences =
        upstreamDifferenceRows(model, corrupted.taps, clean.taps, c.mask.to(model.dtype())).flatten(1).to(scoreType);
    return edgeScoreProducts(graph, differences, readerGradients.flatten(1).to(scoreType));
}

}  // namespace

int64_t estimateEapBytes(const ModelConfig& config, int64_t bytesPerValue, int64_t batch, int64_t length,
                         int64_t integratedGradientSteps) {
    const CircuitGraph graph(GraphShape::of(config));
    const int64_t upstream = graph.upstreamCount(), downstream = graph.downstreamCount();
    const int64_t values = batch * length * config.hiddenSize;
    // The clean pass is an ordinary forward kept for its backward; parameter gradients are not taken, so what
    // is left of the estimate are the activations.
    const MemoryEstimate clean = estimateMemory(config, bytesPerValue, batch, length, ForwardMode::Training);
    int64_t bytes = clean.activationBytes - clean.weightBytes;
    bytes += 3 * upstream * values * bytesPerValue;  // corrupted and clean outputs, their difference
    bytes += (integratedGradientSteps > 0 ? 2 : 1) * downstream * values * bytesPerValue;  // gradients (+ running sum)
    bytes += upstream * downstream * 8;  // the product
    return bytes;
}

std::optional<at::Tensor> computeEapScores(const DecoderModel& model, const EapBatch& batch, const EapOptions& options) {
    checkBatch(model, batch, options);
    const CircuitGraph graph(GraphShape::of(model.config()));
    const int64_t B = batch.clean.ids.size(0), T = batch.clean.ids.size(1);
    const int64_t bytesPerValue = int64_t(c10::elementSize(model.dtype()));
    int64_t perChunk = B;
    if (options.memoryBudgetBytes > 0) {
        auto fits = [&](int64_t b) {
            return estimateEapBytes(model.config(), bytesPerValue, b, T, options.integratedGradientSteps) <=
                   options.memoryBudgetBytes;
        };
        if (!fits(1))
            throw ConfigError("EAP needs " +
                              formatBytes(estimateEapBytes(model.config(), bytesPerValue, 1, T,
                                                           options.integratedGradientSteps)) +
                              " for one example of " + std::to_string(T) + " tokens, over the budget of " +
                              formatBytes(options.memoryBudgetBytes));
        int64_t fitting = 1;  // largest chunk that fits, by bisection (the estimate grows with the chunk)
        while (fitting < perChunk) {
            const int64_t middle = fitting + (perChunk - fitting + 1) / 2;
            if (fits(middle))
                fitting = middle;
            else
                perChunk = middle - 1;
        }
        perChunk = fitting;
    }
    const at::ScalarType scoreType = model.dtype() == at::kDouble ? at::kDouble : at::kFloat;
    at::Tensor total = at::zeros({graph.upstreamCount(), graph.downstreamCount()},
                                 at::TensorOptions().dtype(scoreType).device(model.device()));
    for (int64_t begin = 0; begin < B; begin += perChunk) {
        if (options.cancelled && options.cancelled()) return std::nullopt;
        const int64_t count = std::min(perChunk, B - begin);
        std::optional<at::Tensor> scores = chunkScores(model, graph, chunkOf(model, batch, begin, count, options.metric), options, scoreType);
        if (!scores) return std::nullopt;
        total += *scores;
        if (options.progress) options.progress(begin + count, B);
    }
    return (total / double(B)).cpu() * edgeValidityMask(graph);
}

at::Tensor edgeValidityMask(const CircuitGraph& graph) {
    at::Tensor mask = at::zeros({graph.upstreamCount(), graph.downstreamCount()}, at::kBool);
    for (int64_t u = 0; u < graph.upstreamCount(); ++u) mask[u].narrow(0, graph.firstDownstream(u), graph.downstreamCount() - graph.firstDownstream(u)).fill_(true);
    return mask;
}

std::vector<double> edgeScoreVector(const CircuitGraph& graph, const at::Tensor& matrix) {
    if (matrix.dim() != 2 || matrix.size(0) != graph.upstreamCount() || matrix.size(1) != graph.downstreamCount())
        throw ConfigError("edge score matrix must be [" + std::to_string(graph.upstreamCount()) + " x " +
                          std::to_string(graph.downstreamCount()) + "]");
    const at::Tensor m = matrix.to(at::kCPU, at::kDouble).contiguous();
    const auto acc = m.accessor<double, 2>();
    std::vector<double> scores;
    scores.reserve(size_t(graph.edgeCount()));
    for (int64_t u = 0; u < graph.upstreamCount(); ++u)
        for (int64_t v = graph.firstDownstream(u); v < graph.downstreamCount(); ++v) scores.push_back(acc[u][v]);
    return scores;
}

at::Tensor edgeScoreMatrix(const CircuitGraph& graph, const std::vector<double>& scores) {
    if (int64_t(scores.size()) != graph.edgeCount())
        throw ConfigError("edge scores have " + std::to_string(scores.size()) + " entries, the graph has " +
                          std::to_string(graph.edgeCount()) + " edges");
    at::Tensor m = at::zeros({graph.upstreamCount(), graph.downstreamCount()}, at::kDouble);
    auto acc = m.accessor<double, 2>();
    size_t i = 0;
    for (int64_t u = 0; u < graph.upstreamCount(); ++u)
        for (int64_t v = graph.firstDownstream(u); v < graph.downstreamCount(); ++v) acc[u][v] = scores[i++];
    return m;
}

}  // namespace redit
