// LoRA editing: both protocols learn the revision answers, are reproducible, and merge or keep the adapters.
#include <QtTest>

#include "edit/lora_edit.h"
#include "edit_fixtures.h"
#include "model/lora.h"
#include "model/optimizer.h"
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

    void trainsAsFullForwardPassesWould() {
        // loraEdit reruns only the layers from the first adapted one up; a plain loop of full forward passes,
        // each batch tokenized alone, must train the same adapters (dropout on: the same draws in the same order).
        for (LoraEditProtocol protocol : {LoraEditProtocol::Sequential, LoraEditProtocol::RevisionSet}) {
            LoraEditOptions o = fastOptions(protocol);
            o.lora.layers = {1};
            o.steps = 4;
            o.stepsPerInstance = 2;
            o.merge = false;
            const std::vector<AnswerExample> revision{{{1, 2, 3}, 7}, {{4, 5, 6, 9, 8}, 11}, {{12}, 7}};
            DecoderModel edited = testing::tinyModel(testing::tinyConfig());
            edited.to(at::kCPU, at::kDouble);
            if (protocol == LoraEditProtocol::RevisionSet) o.lora.dropout = 0;  // its batches are shuffled rows
            loraEdit(edited, revision, o);

            DecoderModel reference = testing::tinyModel(testing::tinyConfig());
            reference.to(at::kCPU, at::kDouble);
            attachLora(reference, o.lora, o.seed);
            std::vector<at::Tensor> params = loraParameters(reference);
            for (auto& p : params) p.set_requires_grad(true);
            AdamW optimizer(params, AdamWOptions{o.learningRate, 0.9, 0.999, 1e-8, o.weightDecay});
            at::manual_seed(o.seed);
            auto step = [&](const std::vector<AnswerExample>& batch) {
                const testing::AnswerBatch tokens = testing::answerBatch(batch);
                at::Tensor logits = reference.forward(tokens.tokens.ids, tokens.tokens.mask, {}, true).logits.select(1, -1);
                at::Tensor loss = at::cross_entropy_loss(logits.to(at::kFloat), tokens.answers);
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
            };
            if (protocol == LoraEditProtocol::Sequential) {
                for (const auto& e : revision)
                    for (int64_t i = 0; i < o.stepsPerInstance; ++i) step({e});
            } else {
                for (int64_t i = 0; i < o.steps; ++i) step(revision);  // the whole set in every step
            }
            const std::vector<at::Tensor> got = loraParameters(edited);
            QCOMPARE(got.size(), params.size());
            for (size_t i = 0; i < got.size(); ++i)
                QVERIFY2((got[i] - params[i].detach()).abs().max().item<double>() < 1e-6,
                         qPrintable(QString("%1: adapter tensor %2 differs").arg(protocolName(protocol).c_str()).arg(i)));
        }
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
