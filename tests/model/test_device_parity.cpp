// The decoder's forward pass, EAP and a LoRA edit on the device that REDIT_TEST_DEVICE names ("cpu" when
// unset; bench/gpu-check.sh sets "cuda"), in float32 and bfloat16, against the same tiny model in float64 on
// the CPU: the CUDA path is checked by the same assertions that hold on the CPU.
#include <QtTest>

#include <cstdlib>

#include "circuits/eap.h"
#include "edit/lora_edit.h"
#include "tiny_models.h"

using namespace redit;

namespace {

at::Device testDevice() {
    const char* name = std::getenv("REDIT_TEST_DEVICE");
    return at::Device(name && *name ? name : "cpu");
}

DecoderModel tinyOn(at::Device device, at::ScalarType dtype) {
    DecoderModel m = testing::tinyModel(testing::tinyConfig());
    m.to(device, dtype);
    return m;
}

// Largest |a - b| over the largest |b|: both on the CPU in float64.
double relativeError(const at::Tensor& a, const at::Tensor& b) {
    const at::Tensor x = a.to(at::kCPU, at::kDouble), y = b.to(at::kCPU, at::kDouble);
    return ((x - y).abs().max() / y.abs().max()).item<double>();
}

EapBatch twoPairs() {
    EapBatch b;
    const at::Tensor clean = at::tensor({3, 5, 7, 9, 11, 2, 4, 6, 8, 10}, at::kLong).view({2, 5});
    at::Tensor corrupted = clean.clone();
    corrupted.select(1, 2).fill_(13);
    const at::Tensor mask = at::ones({2, 5}, at::kLong);
    b.clean = {clean, mask};
    b.corrupted = {corrupted, mask};
    b.cleanAnswers = {1, 2};
    b.corruptedAnswers = {2, 1};
    return b;
}

}  // namespace

class TestDeviceParity : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { qInfo("device: %s", testDevice().str().c_str()); }

    void forwardMatchesFloat64OnTheCpu_data() {
        QTest::addColumn<bool>("bf16");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("float32") << false << 1e-5;
        QTest::newRow("bfloat16") << true << 5e-2;
    }
    void forwardMatchesFloat64OnTheCpu() {
        QFETCH(bool, bf16);
        QFETCH(double, tolerance);
        const at::Device device = testDevice();
        const DecoderModel exact = tinyOn(at::kCPU, at::kDouble);
        const DecoderModel model = tinyOn(device, bf16 ? at::kBFloat16 : at::kFloat);
        const at::Tensor ids = at::tensor({1, 4, 9, 16, 22, 0, 3, 8}, at::kLong).view({2, 4});
        const at::Tensor mask = at::tensor({1, 1, 1, 1, 0, 1, 1, 1}, at::kLong).view({2, 4});
        const at::Tensor expected = exact.forward(ids, mask).logits;
        const at::Tensor logits = model.forward(ids.to(device), mask.to(device)).logits;
        QCOMPARE(logits.device(), device);
        // The padding position's logits are meaningless: compared at the real tokens only.
        const at::Tensor real = mask.to(at::kBool);
        const double error = relativeError(logits.cpu().index({real}), expected.index({real}));
        QVERIFY2(error < tolerance, qPrintable(QString("relative error %1").arg(error)));
    }

    void eapScoresMatchFloat64OnTheCpu() {
        const at::Tensor expected = *computeEapScores(tinyOn(at::kCPU, at::kDouble), twoPairs());
        const at::Tensor scores = *computeEapScores(tinyOn(testDevice(), at::kFloat), twoPairs());
        QVERIFY(expected.abs().max().item<double>() > 1e-3);  // the pairs differ enough to score
        const double error = relativeError(scores, expected);
        QVERIFY2(error < 1e-4, qPrintable(QString("relative error %1").arg(error)));
    }

    // Without dropout a LoRA edit is deterministic arithmetic: the device's losses follow the CPU's.
    void loraEditFollowsTheCpu() {
        std::vector<AnswerExample> revision{{{3, 5, 7, 9}, 1}, {{2, 4, 6}, 2}, {{11, 13, 17, 19, 21}, 1}};
        LoraEditOptions options;
        options.steps = 5;
        options.learningRate = 1e-2;
        options.lora.rank = 4;
        options.lora.dropout = 0;
        DecoderModel reference = tinyOn(at::kCPU, at::kDouble);
        const LoraEditResult expected = loraEdit(reference, revision, options);
        DecoderModel model = tinyOn(testDevice(), at::kFloat);
        const LoraEditResult result = loraEdit(model, revision, options);
        QVERIFY(expected.finalLoss < expected.initialLoss);
        QVERIFY2(std::abs(result.initialLoss - expected.initialLoss) < 1e-5 * expected.initialLoss,
                 qPrintable(QString("initial loss %1, float64 %2").arg(result.initialLoss).arg(expected.initialLoss)));
        QVERIFY2(std::abs(result.finalLoss - expected.finalLoss) < 1e-3 * expected.initialLoss,
                 qPrintable(QString("final loss %1, float64 %2").arg(result.finalLoss).arg(expected.finalLoss)));
        QCOMPARE(model.device(), testDevice());
    }
};

QTEST_APPLESS_MAIN(TestDeviceParity)
#include "test_device_parity.moc"
