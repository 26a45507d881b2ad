// The differentiable attribution vector on a tiny random fp64 decoder: without gradients its edge scores are
// computeEapScores of each pair on its own, node scores are the row sums of the edge matrix, and the
// gradient of a scalar function of the vectors (a random projection, an InfoNCE loss) with respect to
// chosen weight entries matches a central finite difference.
#include <ATen/core/grad_mode.h>
#include <QtTest>

#include <torch/csrc/autograd/autograd.h>

#include "reshape/attribution_vector.h"
#include "reshape/infonce.h"
#include "tiny_models.h"
#include "util/error.h"

using namespace redit;

namespace {

// Four pairs, left padded to a common length.
EapBatch fourPairs() {
    const std::vector<std::vector<int32_t>> clean{{4, 8, 15, 16, 2, 0, 11}, {5, 6, 7, 9, 1}, {3, 12, 13, 2, 20, 7},
                                                  {9, 9, 4, 17, 18, 6, 2}};
    const std::vector<std::vector<int32_t>> corrupted{{4, 9, 15, 1, 2, 0, 11}, {5, 6, 14, 9, 1}, {3, 12, 19, 2, 20, 7},
                                                      {9, 10, 4, 17, 18, 6, 2}};
    return {makeLeftPaddedBatch(clean, 0), makeLeftPaddedBatch(corrupted, 0), {3, 5, 7, 1}, {10, 2, 8, 4}};
}

EapBatch rowOf(const EapBatch& b, int64_t i) {
    auto pick = [&](const TokenBatch& t) { return TokenBatch{t.ids.narrow(0, i, 1), t.mask.narrow(0, i, 1)}; };
    return {pick(b.clean), pick(b.corrupted), {b.cleanAnswers[size_t(i)]}, {b.corruptedAnswers[size_t(i)]}};
}

// A few weight entries spread over the model: (tensor, flat index).
std::vector<std::pair<at::Tensor, int64_t>> probes(DecoderModel& m) {
    auto& w = m.weights();
    return {{w.embedding, 4 * 16 + 3}, {w.layers[0].q.weight, 17}, {w.layers[0].inputNorm, 5},
            {w.layers[1].v.weight, 40}, {w.layers[1].down.weight, 100}, {w.finalNorm, 2}};
}

void setRequiresGrad(DecoderModel& m, bool on) {
    for (at::Tensor& p : m.parameters()) p.set_requires_grad(on);
}

}  // namespace

class TestAttributionVector : public QObject {
    Q_OBJECT

    void checkGradient(Granularity granularity, const std::function<at::Tensor(const at::Tensor&)>& scalarOf) {
        DecoderModel m = testing::tinyModel64();
        const EapBatch batch = fourPairs();
        setRequiresGrad(m, true);
        const auto entries = probes(m);
        std::vector<at::Tensor> tensors;
        for (const auto& e : entries) tensors.push_back(e.first);
        const at::Tensor value = scalarOf(attributionVectors(m, batch, granularity));
        const std::vector<at::Tensor> grads = torch::autograd::grad({value}, tensors, {}, false, false, true);
        at::NoGradGuard noGrad;
        const double h = 1e-5;
        for (size_t i = 0; i < entries.size(); ++i) {
            at::Tensor flat = entries[i].first.view({-1});
            const int64_t k = entries[i].second;
            const double original = flat[k].item<double>();
            flat[k].fill_(original + h);
            const double up = scalarOf(attributionVectors(m, batch, granularity)).item<double>();
            flat[k].fill_(original - h);
            const double down = scalarOf(attributionVectors(m, batch, granularity)).item<double>();
            flat[k].fill_(original);
            const double numeric = (up - down) / (2 * h);
            const double analytic = grads[i].defined() ? grads[i].reshape({-1})[k].item<double>() : 0.0;
            QVERIFY2(std::abs(numeric - analytic) <= 1e-6 * std::max(1.0, std::abs(numeric)),
                     qPrintable(QString("entry %1: finite difference %2, autograd %3").arg(i).arg(numeric).arg(analytic)));
            QVERIFY(std::abs(numeric) > 1e-8);  // the probe matters at all
        }
    }

private slots:
    void edgeVectorsAreEapScoresPerPair() {
        DecoderModel m = testing::tinyModel64();
        const EapBatch batch = fourPairs();
        const CircuitGraph graph(GraphShape::of(m.config()));
        at::Tensor w;
        {
            at::NoGradGuard noGrad;
            w = attributionVectors(m, batch, Granularity::Edge);
        }
        QCOMPARE(w.size(0), int64_t(4));
        QCOMPARE(w.size(1), graph.edgeCount());
        QCOMPARE(w.size(1), attributionLength(m.config(), Granularity::Edge));
        QVERIFY(!w.requires_grad());
        for (int64_t i = 0; i < 4; ++i) {
            const std::vector<double> eap = edgeScoreVector(graph, *computeEapScores(m, rowOf(batch, i)));
            const at::Tensor expected = at::tensor(eap, at::kDouble);
            QVERIFY((w[i] - expected).abs().max().item<double>() < 1e-10);
            QVERIFY(expected.abs().max().item<double>() > 1e-3);
        }
    }

    void nodeVectorsAreRowSumsOfTheEdgeMatrix() {
        DecoderModel m = testing::tinyModel64();
        const EapBatch batch = fourPairs();
        const CircuitGraph graph(GraphShape::of(m.config()));
        at::NoGradGuard noGrad;
        const at::Tensor w = attributionVectors(m, batch, Granularity::Node);
        QCOMPARE(w.size(1), graph.upstreamCount());
        for (int64_t i = 0; i < 4; ++i) {
            const at::Tensor matrix = *computeEapScores(m, rowOf(batch, i));
            QVERIFY((w[i] - matrix.sum(1)).abs().max().item<double>() < 1e-10);
        }
    }

    void gradientOfAProjectionMatchesFiniteDifferences_data() {
        QTest::addColumn<bool>("edge");
        QTest::newRow("edge") << true;
        QTest::newRow("node") << false;
    }
    void gradientOfAProjectionMatchesFiniteDifferences() {
        QFETCH(bool, edge);
        const Granularity g = edge ? Granularity::Edge : Granularity::Node;
        const at::Tensor r = at::randn({4, attributionLength(testing::tinyConfig(), g)},
                                       at::make_generator<at::CPUGeneratorImpl>(3), at::kDouble);
        checkGradient(g, [&](const at::Tensor& w) { return (w * r).sum(); });
    }

    void gradientOfInfoNceMatchesFiniteDifferences_data() { gradientOfAProjectionMatchesFiniteDifferences_data(); }
    void gradientOfInfoNceMatchesFiniteDifferences() {
        QFETCH(bool, edge);
        // Anchor 0 with positive 1 and negatives 2, 3; anchor 2 with positive 3 and negatives 0, 1.
        checkGradient(edge ? Granularity::Edge : Granularity::Node, [](const at::Tensor& w) {
            const at::Tensor anchors = at::stack({w[0], w[2]});
            const at::Tensor positives = at::stack({w[1], w[3]});
            const at::Tensor negatives = at::stack({at::stack({w[2], w[3]}), at::stack({w[0], w[1]})});
            return infoNceLoss(anchors, positives, negatives, 0.1);
        });
    }

    void rejectsRightPadding() {
        DecoderModel m = testing::tinyModel64();
        EapBatch batch = fourPairs();
        batch.clean.mask = batch.clean.mask.flip(1);
        batch.corrupted.mask = batch.clean.mask;
        QVERIFY_THROWS_EXCEPTION(ConfigError, attributionVectors(m, batch, Granularity::Edge));
    }
};

QTEST_APPLESS_MAIN(TestAttributionVector)
#include "test_attribution_vector.moc"
