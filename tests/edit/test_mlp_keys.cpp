// Down-projection keys: the down-projection of the extracted keys reproduces the MLP outputs the decoder
// computes, and the key statistics equal a brute-force sum.
#include <QtTest>

#include "edit/mlp_keys.h"
#include "edit_fixtures.h"
#include "tiny_models.h"
#include "util/error.h"

using namespace redit;

class TestMlpKeys : public QObject {
    Q_OBJECT

    DecoderModel model_ = [] {
        DecoderModel m = testing::tinyModel(testing::tinyConfig());
        m.to(at::kCPU, at::kDouble);
        return m;
    }();

private slots:
    void downProjectionOfTheKeysIsTheMlpOutput() {
        TokenBatch batch = makeLeftPaddedBatch({{1, 2, 3}, {4, 5, 6, 7, 8}}, 0);
        HookOptions capture;
        capture.captureUpstream = true;
        ForwardResult r = model_.forward(batch.ids, batch.mask, capture);
        for (int64_t l = 0; l < model_.config().numLayers; ++l) {
            at::Tensor keys = downProjectionInputs(model_, batch, l);
            QCOMPARE(keys.sizes(), (at::IntArrayRef{2, 5, 24}));
            at::Tensor rebuilt = model_.weights().layers[size_t(l)].down.forward(keys);
            QVERIFY((rebuilt - r.upstream.mlps[size_t(l)]).abs().max().item<double>() < 1e-12);
        }
    }

    void lastTokenKeysIgnorePadding() {
        TokenBatch batch = makeLeftPaddedBatch({{1, 2, 3}, {4, 5, 6, 7, 8}}, 0);
        at::Tensor keys = lastTokenKeys(model_, batch, 1);
        at::Tensor alone = lastTokenKeys(model_, makeLeftPaddedBatch({{1, 2, 3}}, 0), 1);
        QVERIFY((keys[0] - alone[0]).abs().max().item<double>() < 1e-10);
    }

    void statisticsSumOverRealTokens() {
        auto prompts = testing::samplePrompts();
        KeyStatistics stats = accumulateKeyStatistics(model_, 0, prompts, 0, 3);
        at::Tensor expected = at::zeros({24, 24}, at::kDouble);
        int64_t tokens = 0;
        for (const auto& p : prompts) {
            at::Tensor k = downProjectionInputs(model_, makeLeftPaddedBatch({p}, 0), 0)[0];  // [T, I], no padding
            expected += at::matmul(k.t(), k);
            tokens += int64_t(p.size());
        }
        QCOMPARE(stats.count, tokens);
        QVERIFY((stats.gram - expected).abs().max().item<double>() < 1e-10);
    }

    void rejectsBadArguments() {
        TokenBatch batch = makeLeftPaddedBatch({{1, 2}}, 0);
        QVERIFY_THROWS_EXCEPTION(ConfigError, downProjectionInputs(model_, batch, 2));
        QVERIFY_THROWS_EXCEPTION(ConfigError, accumulateKeyStatistics(model_, 0, {}, 0, 4));
        QVERIFY_THROWS_EXCEPTION(ConfigError, accumulateKeyStatistics(model_, 0, {{1}}, 0, 0));
    }
};

QTEST_GUILESS_MAIN(TestMlpKeys)
#include "test_mlp_keys.moc"
