// fp32 master weights: updates too small for bf16 accumulate and then show in the model.
#include <QtTest>

#include "reshape/master_weights.h"
#include "util/error.h"

using namespace redit;

class TestMasterWeights : public QObject {
    Q_OBJECT
private slots:
    void tinyUpdatesAccumulate() {
        // bf16 has 8 significant bits: next to 1.0 the spacing is 2^-7, so 1 + 1e-4 rounds back to 1.
        at::Tensor naive = at::ones({3}, at::kBFloat16);
        at::Tensor weight = at::ones({3}, at::kBFloat16);
        MasterWeights masters({weight});
        QCOMPARE(masters.masters()[0].scalar_type(), at::kFloat);
        const at::Tensor step = at::full({3}, 1e-4, at::kFloat);
        for (int i = 0; i < 1000; ++i) {
            naive.add_(step.to(at::kBFloat16));
            masters.add({step});
        }
        QCOMPARE(naive[0].item<float>(), 1.0f);  // every step rounded away
        QVERIFY(std::abs(masters.masters()[0][0].item<float>() - 1.1f) < 1e-4);
        QVERIFY(std::abs(weight[0].item<float>() - 1.1f) <= 1.0f / 128);  // within one bf16 step of 1.1
    }

    void syncFromModelRereadsTheWeights() {
        at::Tensor weight = at::zeros({2}, at::kBFloat16);
        MasterWeights masters({weight});
        weight.fill_(3);
        masters.syncFromModel();
        QCOMPARE(masters.masters()[0][1].item<float>(), 3.0f);
        QVERIFY_THROWS_EXCEPTION(ConfigError, masters.add({at::zeros({3})}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, masters.add({}));
    }
};

QTEST_GUILESS_MAIN(TestMasterWeights)
#include "test_master_weights.moc"
