// computeEapScores takes every reader's gradient from ordinary forward passes (per-head projection gradients
// pulled back through the norm); it must give the scores of the split-forward computation it replaced
// (tests/support/eap_split_reference.h), which gives every reader a residual copy of its own: for every
// metric, EAP-IG, grouped-query and plain attention, biases or none, a tied or separate head, LoRA adapters,
// padding on either side, float64 and float32, and at node granularity.
#include <QtTest>

#include "circuits/eap.h"
#include "eap_split_reference.h"
#include "model/lora.h"
#include "tiny_models.h"

using namespace redit;

namespace {

double maxAbs(const at::Tensor& t) { return t.abs().max().item<double>(); }

DecoderModel modelOf(ModelConfig c, at::ScalarType dtype) {
    DecoderModel m = testing::tinyModel(c);
    m.to(at::kCPU, dtype);
    return m;
}

// Three pairs of different lengths, left padded (or right padded) to a common length.
EapBatch threePairs(bool rightPadding) {
    const std::vector<std::vector<int32_t>> clean{{4, 8, 15, 16, 2, 0, 11}, {7, 3, 12, 9}, {1, 2, 3, 4, 5}};
    const std::vector<std::vector<int32_t>> corrupted{{4, 9, 15, 1, 2, 0, 11}, {7, 5, 12, 9}, {1, 2, 6, 4, 5}};
    EapBatch b{makeLeftPaddedBatch(clean, 0), makeLeftPaddedBatch(corrupted, 0), {3, 6, 10}, {10, 1, 3}};
    if (rightPadding) {
        auto flip = [](TokenBatch& t) { t = {t.ids.flip({1}), t.mask.flip({1})}; };  // prompts reversed, pads right
        flip(b.clean);
        flip(b.corrupted);
    }
    return b;
}

void compare(const DecoderModel& model, const EapBatch& batch, EapMetric metric, int64_t igSteps, double tolerance,
             const char* what) {
    EapOptions options;
    options.metric = metric;
    options.integratedGradientSteps = igSteps;
    const at::Tensor scores = *computeEapScores(model, batch, options);
    const at::Tensor reference = testing::splitReferenceEapScores(model, batch, metric, igSteps).cpu();
    const double scale = maxAbs(reference);
    QVERIFY2(scale > 1e-6, what);  // not vacuous
    const double error = maxAbs(scores - reference) / scale;
    QVERIFY2(error < tolerance, qPrintable(QString("%1: relative difference %2").arg(what).arg(error)));
}

}  // namespace

class TestEapReference : public QObject {
    Q_OBJECT

private slots:
    void everyMetricAndIntegratedGradients() {
        const DecoderModel model = modelOf(testing::tinyConfig(), at::kDouble);  // 4 heads in 2 key/value groups
        const EapBatch batch = threePairs(false);
        compare(model, batch, EapMetric::LogitDifference, 0, 1e-12, "logit difference");
        compare(model, batch, EapMetric::ProbabilityDifference, 0, 1e-12, "probability difference");
        compare(model, batch, EapMetric::KlDivergence, 0, 1e-12, "KL");
        compare(model, batch, EapMetric::LogitDifference, 3, 1e-12, "EAP-IG, 3 steps");
    }

    void architectures() {
        ModelConfig llama = testing::tinyConfig("llama");  // no biases, separate LM head
        compare(modelOf(llama, at::kDouble), threePairs(false), EapMetric::LogitDifference, 0, 1e-12, "llama, GQA");
        llama.numKeyValueHeads = llama.numHeads;
        compare(modelOf(llama, at::kDouble), threePairs(false), EapMetric::LogitDifference, 0, 1e-12, "llama, MHA");
        ModelConfig oneGroup = testing::tinyConfig();
        oneGroup.numKeyValueHeads = 1;
        compare(modelOf(oneGroup, at::kDouble), threePairs(false), EapMetric::KlDivergence, 0, 1e-12, "one group");
    }

    void loraAdaptersAreUsed() {
        DecoderModel model = modelOf(testing::tinyConfig(), at::kDouble);
        LoraConfig lora;
        lora.rank = 2;
        lora.targets = {"q_proj", "k_proj", "v_proj", "o_proj"};
        attachLora(model, lora, 3);
        for (DecoderLayerWeights& L : model.weights().layers)
            for (Linear* l : {&L.q, &L.k, &L.v, &L.o}) l->lora->b.normal_(0.0, 0.3);  // adapters that change the model
        compare(model, threePairs(false), EapMetric::LogitDifference, 0, 1e-12, "LoRA");
    }

    void rightPaddingReadsTheLastRealToken() {
        compare(modelOf(testing::tinyConfig(), at::kDouble), threePairs(true), EapMetric::ProbabilityDifference, 0,
                1e-12, "right padding");
    }

    // In float32 each computation is a few 1e-6 (relative) from the float64 scores, and the summation order of
    // the BLAS kernels varies with threads (a 1e-6 bound between the two failed once at 1.06e-6). The float64
    // cases above are the exact check; this one checks agreement to float32 precision.
    void float32AgreesToItsPrecision() {
        compare(modelOf(testing::tinyConfig(), at::kFloat), threePairs(false), EapMetric::LogitDifference, 0, 1e-5,
                "float32");
    }

    void nodeGranularity() {
        const DecoderModel model = modelOf(testing::tinyConfig(), at::kDouble);
        const EapBatch batch = threePairs(false);
        const CircuitGraph edges(GraphShape::of(model.config())), nodes(GraphShape::of(model.config()), Granularity::Node);
        const std::vector<double> scores =
            nodeScoresFromEdgeScores(edges, nodes, edgeScoreVector(edges, *computeEapScores(model, batch)));
        const std::vector<double> reference = nodeScoresFromEdgeScores(
            edges, nodes, edgeScoreVector(edges, testing::splitReferenceEapScores(model, batch)));
        QCOMPARE(int64_t(scores.size()), nodes.edgeCount());
        double error = 0, scale = 0;
        for (size_t i = 0; i < scores.size(); ++i) {
            error = std::max(error, std::abs(scores[i] - reference[i]));
            scale = std::max(scale, std::abs(reference[i]));
        }
        QVERIFY(scale > 1e-6);
        QVERIFY2(error < 1e-12 * scale, qPrintable(QString("relative difference %1").arg(error / scale)));
    }
};

QTEST_GUILESS_MAIN(TestEapReference)
#include "test_eap_reference.moc"
