// LoRA editing: both protocols learn the revision answers, are reproducible, and merge or keep the adapters.
#include <QtTest>

#include "edit/lora_edit.h"
#include "edit_fixtures.h"
#include "model/lora.h"
#include "tiny_models.h"
#include "util/error.h"

using namespace redit;

namespace {
std::vector<AnswerExample> revisionSet() {
    return {{{1, 2, 3}, 7}, {{4, 5, 6, 9}, 11}, {{12, 13}, 7}, {{14, 15, 16}, 11}};
}

LoraEditOptions fastOptions(LoraEditProtocol protocol) {
    LoraEditOptions o;
    o.lora.rank = 4;
    o.protocol = protocol;
    o.steps = 30;
    o.stepsPerInstance = 10;
    o.learningRate = 2e-2;
    o.seed = 3;
    return o;
}
}  // namespace

class TestLoraEdit : public QObject {
    Q_OBJECT
private slots:
    void revisionSetProtocolLearnsTheAnswers() {
        DecoderModel model = testing::tinyModel(testing::tinyConfig());
        LoraEditResult r = loraEdit(model, revisionSet(), fastOptions(LoraEditProtocol::RevisionSet));
        QCOMPARE(r.steps, int64_t(30));
        QCOMPARE(protocolName(r.protocol), std::string("revision-set"));
        QVERIFY2(r.finalLoss < 0.5 * r.initialLoss, qPrintable(QString("%1 -> %2").arg(r.initialLoss).arg(r.finalLoss)));
        QVERIFY(r.merged);
        QVERIFY(loraParameters(model).empty());
        // Only the targeted projections changed when merging.
        DecoderModel base = testing::tinyModel(testing::tinyConfig());
        QVERIFY(!at::equal(model.weights().layers[0].q.weight, base.weights().layers[0].q.weight));
        QVERIFY(at::equal(model.weights().layers[0].k.weight, base.weights().layers[0].k.weight));
        QVERIFY(at::equal(model.weights().layers[1].down.weight, base.weights().layers[1].down.weight));
    }

    void sequentialProtocolTrainsEachInstanceInTurn() {
        DecoderModel model = testing::tinyModel(testing::tinyConfig());
        LoraEditResult r = loraEdit(model, revisionSet(), fastOptions(LoraEditProtocol::Sequential));
        QCOMPARE(r.steps, int64_t(4 * 10));
        QCOMPARE(protocolName(r.protocol), std::string("sequential"));
        QVERIFY(r.finalLoss < r.initialLoss);
    }

    void sameSeedSameEditDifferentSeedDifferentEdit() {
        auto run = [](uint64_t seed) {
            DecoderModel m = testing::tinyModel(testing::tinyConfig());
            LoraEditOptions o = fastOptions(LoraEditProtocol::RevisionSet);
            o.steps = 5;
            o.batchSize = 2;
            o.seed = seed;
            loraEdit(m, revisionSet(), o);
            return m.weights().layers[1].v.weight;
        };
        QVERIFY(at::equal(run(1), run(1)));
        QVERIFY(!at::equal(run(1), run(2)));
    }

    void keptAdaptersAreFreshForEveryEdit() {
        DecoderModel model = testing::tinyModel(testing::tinyConfig());
        LoraEditOptions o = fastOptions(LoraEditProtocol::RevisionSet);
        o.merge = false;
        o.steps = 5;
        LoraEditResult first = loraEdit(model, revisionSet(), o);
        QVERIFY(!first.merged);
        QCOMPARE(loraParameters(model).size(), size_t(2 * 2 * 2));
        QVERIFY(!loraParameters(model)[0].requires_grad());
        // Disabling the kept adapter restores the base model.
        DecoderModel base = testing::tinyModel(testing::tinyConfig());
        at::Tensor ids = at::tensor({1, 2, 3}, at::kLong).view({1, -1});
        setLoraEnabled(model, false);
        QVERIFY(at::equal(model.forward(ids).logits, base.forward(ids).logits));
        setLoraEnabled(model, true);
        // A second edit starts from fresh adapters, not from the first edit's.
        LoraEditResult second = loraEdit(model, revisionSet(), o);
        QCOMPARE(second.initialLoss, first.initialLoss);
        QCOMPARE(loraParameters(model).size(), size_t(8));
    }

    void rejectsBadOptions() {
        DecoderModel model = testing::tinyModel(testing::tinyConfig());
        LoraEditOptions o = fastOptions(LoraEditProtocol::RevisionSet);
        QVERIFY_THROWS_EXCEPTION(ConfigError, loraEdit(model, {}, o));
        QVERIFY_THROWS_EXCEPTION(ConfigError, loraEdit(model, {{{1}, 99}}, o));
        o.steps = 0;
        QVERIFY_THROWS_EXCEPTION(ConfigError, loraEdit(model, revisionSet(), o));
        QVERIFY_THROWS_EXCEPTION(ConfigError, parseLoraEditProtocol("paper"));
        QCOMPARE(int(parseLoraEditProtocol("sequential")), int(LoraEditProtocol::Sequential));
    }
};

QTEST_GUILESS_MAIN(TestLoraEdit)
#include "test_lora_edit.moc"
