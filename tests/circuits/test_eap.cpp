// Edge attribution patching on a tiny random fp64 decoder: every score is the directional derivative of the
// metric when only that edge's contribution moves from clean towards corrupted (central finite differences
// through HookOptions::downstreamOffsets); EAP-IG with one step is EAP; scores do not depend on batch
// composition, padding or chunking.
#include <ATen/core/grad_mode.h>
#include <QtTest>

#include <random>

#include "circuits/eap.h"
#include "tiny_models.h"
#include "util/error.h"

using namespace redit;

namespace {

at::Tensor row(std::vector<int64_t> ids) { return at::tensor(ids, at::kLong).view({1, -1}); }

EapBatch singlePair(std::vector<int64_t> clean, std::vector<int64_t> corrupted, int64_t cleanAnswer, int64_t corruptedAnswer) {
    EapBatch b;
    b.clean = {row(clean), at::ones({1, int64_t(clean.size())}, at::kLong)};
    b.corrupted = {row(corrupted), at::ones({1, int64_t(corrupted.size())}, at::kLong)};
    b.cleanAnswers = {cleanAnswer};
    b.corruptedAnswers = {corruptedAnswer};
    return b;
}

// Pairs of equal length per pair, left padded to a common length.
EapBatch pairs(const std::vector<std::pair<std::vector<int32_t>, std::vector<int32_t>>>& prompts,
               std::vector<int64_t> cleanAnswers, std::vector<int64_t> corruptedAnswers) {
    std::vector<std::vector<int32_t>> clean, corrupted;
    for (const auto& [c, x] : prompts) {
        clean.push_back(c);
        corrupted.push_back(x);
    }
    return {makeLeftPaddedBatch(clean, 0), makeLeftPaddedBatch(corrupted, 0), std::move(cleanAnswers),
            std::move(corruptedAnswers)};
}

double metricOf(EapMetric metric, const at::Tensor& lastLogits, const at::Tensor& corruptedLast, int64_t clean, int64_t corrupted) {
    switch (metric) {
        case EapMetric::LogitDifference: return (lastLogits[clean] - lastLogits[corrupted]).item<double>();
        case EapMetric::ProbabilityDifference: {
            at::Tensor p = at::softmax(lastLogits, -1);
            return (p[clean] - p[corrupted]).item<double>();
        }
        case EapMetric::KlDivergence: {
            at::Tensor target = at::log_softmax(corruptedLast, -1);
            return (target.exp() * (target - at::log_softmax(lastLogits, -1))).sum().item<double>();
        }
    }
    return 0;
}

double maxAbs(const at::Tensor& t) { return t.abs().max().item<double>(); }

}  // namespace

class TestEap : public QObject {
    Q_OBJECT

    DecoderModel model_ = testing::tinyModel64();
    CircuitGraph graph_{GraphShape::of(model_.config())};
    EapBatch pair_ = singlePair({4, 8, 15, 16, 2, 0, 11}, {4, 9, 15, 1, 2, 0, 11}, 3, 10);

    // out_u(corrupted) - out_u(clean) for one upstream node: [1, T, D].
    at::Tensor difference(int64_t u, const ForwardResult& clean, const ForwardResult& corrupted) const {
        const int64_t l = graph_.upstreamLayer(u);
        switch (graph_.upstreamKind(u)) {
            case UpstreamNodeKind::Input: return corrupted.upstream.embedding - clean.upstream.embedding;
            case UpstreamNodeKind::Head: {
                const int64_t h = graph_.upstreamHead(u);
                return corrupted.upstream.heads[l].select(2, h) - clean.upstream.heads[l].select(2, h);
            }
            case UpstreamNodeKind::Mlp: return corrupted.upstream.mlps[l] - clean.upstream.mlps[l];
        }
        return {};
    }

    // The metric when downstream input v alone is moved by eps * delta.
    double metricWithOffset(int64_t v, const at::Tensor& delta, double eps, EapMetric metric,
                            const at::Tensor& corruptedLast) const {
        const ModelConfig& c = model_.config();
        const int64_t T = pair_.clean.ids.size(1);
        auto zeros = [&](std::initializer_list<int64_t> shape) { return at::zeros(shape, at::kDouble); };
        DownstreamInputs offsets;
        for (int64_t l = 0; l < c.numLayers; ++l) {
            offsets.query.push_back(zeros({1, T, c.numHeads, c.hiddenSize}));
            offsets.key.push_back(zeros({1, T, c.numKeyValueHeads, c.hiddenSize}));
            offsets.value.push_back(zeros({1, T, c.numKeyValueHeads, c.hiddenSize}));
            offsets.mlp.push_back(zeros({1, T, c.hiddenSize}));
        }
        offsets.logits = zeros({1, T, c.hiddenSize});
        const int64_t l = graph_.downstreamLayer(v), h = graph_.downstreamHead(v);
        const at::Tensor move = eps * delta;
        switch (graph_.downstreamKind(v)) {
            case DownstreamNodeKind::Query: offsets.query[l].select(2, h).copy_(move); break;
            case DownstreamNodeKind::Key: offsets.key[l].select(2, h).copy_(move); break;
            case DownstreamNodeKind::Value: offsets.value[l].select(2, h).copy_(move); break;
            case DownstreamNodeKind::Mlp: offsets.mlp[l].copy_(move); break;
            case DownstreamNodeKind::Logits: offsets.logits.copy_(move); break;
            case DownstreamNodeKind::Head: break;
        }
        HookOptions hooks;
        hooks.splitDownstream = true;
        hooks.downstreamOffsets = &offsets;
        at::NoGradGuard noGrad;
        at::Tensor logits = model_.forward(pair_.clean.ids, pair_.clean.mask, hooks).logits;
        return metricOf(metric, logits[0][-1], corruptedLast, pair_.cleanAnswers[0], pair_.corruptedAnswers[0]);
    }

    void checkAgainstFiniteDifferences(EapMetric metric, int edgesToCheck) {
        EapOptions options;
        options.metric = metric;
        const at::Tensor scores = *computeEapScores(model_, pair_, options);
        QCOMPARE(scores.scalar_type(), at::kDouble);
        HookOptions capture;
        capture.captureUpstream = true;
        at::NoGradGuard noGrad;
        const ForwardResult clean = model_.forward(pair_.clean.ids, pair_.clean.mask, capture);
        const ForwardResult corrupted = model_.forward(pair_.corrupted.ids, pair_.corrupted.mask, capture);
        const at::Tensor corruptedLast = corrupted.logits[0][-1];

        std::mt19937_64 rng(17);
        std::vector<int64_t> edges{0, graph_.edgeCount() - 1};  // input -> first query input, m1 -> logits
        for (int i = 0; i < edgesToCheck; ++i) edges.push_back(int64_t(rng() % uint64_t(graph_.edgeCount())));
        int nonZero = 0;
        for (int64_t e : edges) {
            const Edge edge = graph_.edge(e);
            const at::Tensor delta = difference(edge.upstream, clean, corrupted);
            const double eps = 1e-5;
            const double numeric = (metricWithOffset(edge.downstream, delta, eps, metric, corruptedLast) -
                                    metricWithOffset(edge.downstream, delta, -eps, metric, corruptedLast)) / (2 * eps);
            const double analytic = scores[edge.upstream][edge.downstream].item<double>();
            nonZero += std::abs(analytic) > 1e-8;
            QVERIFY2(std::abs(numeric - analytic) < 1e-8 * std::max(1.0, std::abs(analytic)),
                     qPrintable(QString("%1 -> %2: numeric %3, EAP %4")
                                    .arg(QString::fromStdString(graph_.upstreamName(edge.upstream)))
                                    .arg(QString::fromStdString(graph_.downstreamName(edge.downstream)))
                                    .arg(numeric, 0, 'g', 12)
                                    .arg(analytic, 0, 'g', 12)));
        }
        QVERIFY(nonZero >= int(edges.size()) / 2);  // the check is not vacuous
    }

private slots:
    void logitDifferenceScoresAreDirectionalDerivatives() { checkAgainstFiniteDifferences(EapMetric::LogitDifference, 40); }
    void probabilityDifferenceScoresAreDirectionalDerivatives() {
        checkAgainstFiniteDifferences(EapMetric::ProbabilityDifference, 10);
    }
    void klScoresAreDirectionalDerivatives() { checkAgainstFiniteDifferences(EapMetric::KlDivergence, 10); }

    void onlyEdgesAreScored() {
        const at::Tensor scores = *computeEapScores(model_, pair_);
        {
            at::NoGradGuard callerWithoutGradients;
            QCOMPARE(maxAbs(*computeEapScores(model_, pair_) - scores), 0.0);
        }
        QCOMPARE(scores.sizes(), (at::IntArrayRef{graph_.upstreamCount(), graph_.downstreamCount()}));
        QCOMPARE(maxAbs(scores.masked_select(edgeValidityMask(graph_).logical_not())), 0.0);
        const std::vector<double> flat = edgeScoreVector(graph_, scores);
        QCOMPARE(int64_t(flat.size()), graph_.edgeCount());
        QCOMPARE(maxAbs(edgeScoreMatrix(graph_, flat) - scores), 0.0);
        const int64_t u = *graph_.findUpstream("a0.h2"), v = *graph_.findDownstream("a1.g0<v>");
        QCOMPARE(flat[size_t(*graph_.edgeIndex(u, v))], scores[u][v].item<double>());
    }

    void integratedGradientsWithOneStepIsEap() {
        const at::Tensor eap = *computeEapScores(model_, pair_);
        EapOptions ig;
        ig.integratedGradientSteps = 1;
        QVERIFY(maxAbs(*computeEapScores(model_, pair_, ig) - eap) < 1e-12 * std::max(1.0, maxAbs(eap)));
        ig.integratedGradientSteps = 4;  // really interpolates: other inputs, other gradients
        QVERIFY(maxAbs(*computeEapScores(model_, pair_, ig) - eap) > 1e-6);
    }

    void scoresAreMeansOverExamplesWhateverThePadding() {
        const std::vector<int32_t> a{4, 8, 15, 16, 2}, aCorrupt{4, 9, 15, 1, 2};
        const std::vector<int32_t> b{7, 3, 12}, bCorrupt{7, 5, 12};
        const EapBatch both = pairs({{a, aCorrupt}, {b, bCorrupt}}, {3, 6}, {10, 1});
        QCOMPARE(both.clean.ids.size(1), int64_t(5));  // b is left padded by two
        const at::Tensor together = *computeEapScores(model_, both);
        const at::Tensor aAlone = *computeEapScores(model_, pairs({{a, aCorrupt}}, {3}, {10}));
        const at::Tensor bAlone = *computeEapScores(model_, pairs({{b, bCorrupt}}, {6}, {1}));
        QVERIFY(maxAbs(together - (aAlone + bAlone) / 2) < 1e-10 * std::max(1.0, maxAbs(together)));
        // Extra padding alone changes nothing either.
        EapBatch padded = pairs({{b, bCorrupt}}, {6}, {1});
        auto pad = [](const at::Tensor& t, int64_t value) { return at::cat({at::full({1, 3}, value, at::kLong), t}, 1); };
        padded.clean = {pad(padded.clean.ids, 0), pad(padded.clean.mask, 0)};
        padded.corrupted = {pad(padded.corrupted.ids, 5), pad(padded.corrupted.mask, 0)};
        QVERIFY(maxAbs(*computeEapScores(model_, padded) - bAlone) < 1e-10 * std::max(1.0, maxAbs(bAlone)));
    }

    void chunksProgressAndCancel() {
        const EapBatch batch = pairs({{{1, 2, 3, 4}, {1, 2, 5, 4}}, {{6, 7}, {8, 7}}, {{9, 10, 11}, {9, 12, 11}}},
                                     {3, 4, 5}, {6, 7, 8});
        const at::Tensor whole = *computeEapScores(model_, batch);
        EapOptions chunked;
        chunked.memoryBudgetBytes = estimateEapBytes(model_.config(), 8, 1, 4, 0);  // one example at a time
        std::vector<std::pair<int64_t, int64_t>> progress;
        chunked.progress = [&](int64_t done, int64_t total) { progress.push_back({done, total}); };
        QVERIFY(maxAbs(*computeEapScores(model_, batch, chunked) - whole) < 1e-10 * std::max(1.0, maxAbs(whole)));
        QCOMPARE(progress, (std::vector<std::pair<int64_t, int64_t>>{{1, 3}, {2, 3}, {3, 3}}));
        QVERIFY(estimateEapBytes(model_.config(), 8, 2, 4, 0) > chunked.memoryBudgetBytes);

        chunked.memoryBudgetBytes = estimateEapBytes(model_.config(), 8, 2, 4, 0);  // the largest chunk that fits
        progress.clear();
        QVERIFY(maxAbs(*computeEapScores(model_, batch, chunked) - whole) < 1e-10 * std::max(1.0, maxAbs(whole)));
        QCOMPARE(progress, (std::vector<std::pair<int64_t, int64_t>>{{2, 3}, {3, 3}}));

        int checks = 0;
        chunked.cancelled = [&] { return ++checks > 1; };
        QVERIFY(!computeEapScores(model_, batch, chunked));
        QCOMPARE(checks, 2);

        EapOptions tiny;
        tiny.memoryBudgetBytes = 1024;
        QVERIFY_THROWS_EXCEPTION(ConfigError, computeEapScores(model_, batch, tiny));
    }

    void rejectsInconsistentInputs() {
        EapBatch bad = pair_;
        bad.corrupted = {row({1, 2, 3}), at::ones({1, 3}, at::kLong)};
        QVERIFY_THROWS_EXCEPTION(ConfigError, computeEapScores(model_, bad));
        bad = pair_;
        bad.clean.ids = bad.clean.ids.clone();
        bad.clean.ids[0][2] = model_.config().vocabSize;
        QVERIFY_THROWS_EXCEPTION(ConfigError, computeEapScores(model_, bad));
        bad = pair_;
        bad.cleanAnswers = {1, 2};
        QVERIFY_THROWS_EXCEPTION(ConfigError, computeEapScores(model_, bad));
        bad = pair_;
        bad.corruptedAnswers = {-1};
        QVERIFY_THROWS_EXCEPTION(ConfigError, computeEapScores(model_, bad));
        bad = pair_;
        bad.corrupted.mask = bad.corrupted.mask.clone();
        bad.corrupted.mask[0][0] = 0;
        QVERIFY_THROWS_EXCEPTION(ConfigError, computeEapScores(model_, bad));
    }
};

QTEST_GUILESS_MAIN(TestEap)
#include "test_eap.moc"
