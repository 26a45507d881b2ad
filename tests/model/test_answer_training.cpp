// Training a tiny decoder on answers: it learns, it is reproducible, and the schedule is as documented.
#include <QtTest>

#include "model/answer_training.h"
#include "model/scoring.h"
#include "model/trainable_parameters.h"
#include "tiny_models.h"
#include "util/error.h"

using namespace redit;

namespace {

// The answer is the token that followed the marker 20 earlier in the prompt: needs attention to learn.
std::vector<AnswerExample> copyTask(int count, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<AnswerExample> out;
    for (int i = 0; i < count; ++i) {
        AnswerExample e;
        const int32_t key = 1 + int32_t(rng() % 6);
        const int position = int(rng() % 3);
        for (int t = 0; t < 4; ++t) {
            if (t == position) {
                e.prompt.push_back(20);
                e.prompt.push_back(key);
            } else {
                e.prompt.push_back(7 + int32_t(rng() % 6));
            }
        }
        e.prompt.push_back(21);
        e.answer = key;
        out.push_back(e);
    }
    return out;
}

}  // namespace

class TestAnswerTraining : public QObject {
    Q_OBJECT
private slots:
    void learnsACopyTask() {
        DecoderModel model = testing::tinyModel(testing::tinyConfig(), 3);
        auto train = copyTask(256, 1);
        AnswerTrainingConfig config;
        config.steps = 300;
        config.batchSize = 32;
        config.learningRate = 1e-2;
        TrainingProgress last = trainOnAnswers(model, train, config);
        QCOMPARE(last.step, int64_t(300));
        auto test = copyTask(64, 2);
        std::vector<std::vector<int32_t>> prompts;
        for (const auto& e : test) prompts.push_back(e.prompt);
        at::Tensor logits = candidateLogits(model, makeLeftPaddedBatch(prompts, 0), {1, 2, 3, 4, 5, 6});
        at::Tensor predicted = logits.argmax(1) + 1;
        int correct = 0;
        for (size_t i = 0; i < test.size(); ++i) correct += predicted[int64_t(i)].item<int64_t>() == test[i].answer;
        QVERIFY2(correct >= 56, qPrintable(QString("%1 of 64 correct, final loss %2").arg(correct).arg(last.loss)));
    }

    void trainsOnlyTheChosenSubset() {
        DecoderModel model = testing::tinyModel(testing::tinyConfig(), 3);
        const DecoderWeights& w = model.weights();
        std::vector<std::pair<std::string, at::Tensor>> before;
        for (auto& [name, t] : w.named(true)) before.emplace_back(name, t.clone());
        AnswerTrainingConfig config;
        config.steps = 5;
        config.batchSize = 8;
        config.learningRate = 1e-2;
        config.trainable = lastLayerPatterns(2, 1);  // "model.layers.1."
        QCOMPARE(config.trainable, std::vector<std::string>{"model.layers.1."});
        trainOnAnswers(model, copyTask(32, 1), config);
        int changed = 0;
        for (auto& [name, t] : w.named(true)) {
            const at::Tensor& old = std::find_if(before.begin(), before.end(), [&](const auto& b) { return b.first == name; })->second;
            const bool same = at::equal(old, t);
            if (name.rfind("model.layers.1.", 0) == 0) {
                changed += !same;
            } else {
                QVERIFY2(same, qPrintable(QString::fromStdString(name + " changed but is not trainable")));
            }
            QVERIFY(!t.requires_grad());  // released after training
        }
        QCOMPARE(changed, 12);  // all of layer 1: 7 matrices, the q/k/v biases and the 2 norms
    }

    void subsetSelectionIsOneRule() {
        DecoderModel model = testing::tinyModel(testing::tinyConfig(), 3);
        auto all = selectTrainableParameters(model.weights(), {});
        QCOMPARE(all.size(), model.weights().named(true).size());
        auto mlp = selectTrainableParameters(model.weights(), {"mlp.down_proj", "model.layers.0.input_layernorm"});
        QCOMPARE(mlp.size(), size_t(3));
        QCOMPARE(mlp[0].name, std::string("model.layers.0.input_layernorm.weight"));
        QVERIFY_THROWS_EXCEPTION(ConfigError, selectTrainableParameters(model.weights(), {"mlp.nothing"}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, lastLayerPatterns(2, 3));
        AnswerTrainingConfig config;
        config.trainable = {"no.such.parameter"};
        auto data = copyTask(8, 1);
        QVERIFY_THROWS_EXCEPTION(ConfigError, AnswerTrainer(model, data, config));
    }

    void parameterChangeIsTheRelativeNorm() {
        DecoderModel before = testing::tinyModel(testing::tinyConfig(), 3);
        DecoderModel after = testing::tinyModel(testing::tinyConfig(), 3);
        const std::vector<std::string> layer1 = {"model.layers.1."};
        QCOMPARE(relativeParameterChange(before.weights(), after.weights(), layer1), 0.0);
        // Scale every selected tensor by 1.5: the change is exactly half of the selection's norm.
        for (auto& p : selectTrainableParameters(after.weights(), layer1)) p.tensor.mul_(1.5);
        QVERIFY(std::abs(relativeParameterChange(before.weights(), after.weights(), layer1) - 0.5) < 1e-6);
        // Parameters outside the selection do not count.
        QCOMPARE(relativeParameterChange(before.weights(), after.weights(), {"model.layers.0."}), 0.0);
        DecoderModel other = testing::tinyModel([] { auto c = testing::tinyConfig(); c.intermediateSize *= 2; return c; }(), 3);
        QVERIFY_THROWS_EXCEPTION(ConfigError, relativeParameterChange(before.weights(), other.weights(), layer1));
    }

    void sameSeedSameWeights() {
        auto train = copyTask(64, 1);
        AnswerTrainingConfig config;
        config.steps = 5;
        config.batchSize = 8;
        DecoderModel a = testing::tinyModel(testing::tinyConfig(), 3);
        DecoderModel b = testing::tinyModel(testing::tinyConfig(), 3);
        trainOnAnswers(a, train, config);
        trainOnAnswers(b, train, config);
        QVERIFY(at::equal(a.weights().layers[1].down.weight, b.weights().layers[1].down.weight));
        config.seed = 2;
        DecoderModel c = testing::tinyModel(testing::tinyConfig(), 3);
        trainOnAnswers(c, train, config);
        QVERIFY(!at::equal(a.weights().layers[1].down.weight, c.weights().layers[1].down.weight));
    }

    void callbackCanStopTraining() {
        DecoderModel model = testing::tinyModel(testing::tinyConfig(), 3);
        AnswerTrainingConfig config;
        config.steps = 100;
        config.batchSize = 4;
        TrainingProgress last = trainOnAnswers(model, copyTask(16, 1), config,
                                               [](const TrainingProgress& p) { return p.step < 3; });
        QCOMPARE(last.step, int64_t(3));
    }

    void scheduleWarmsUpThenDecays() {
        AnswerTrainingConfig c;
        c.steps = 100;
        c.learningRate = 1.0;
        c.warmupFraction = 0.1;  // 10 warm-up steps
        QCOMPARE(scheduledLearningRate(c, 0), 0.1);
        QCOMPARE(scheduledLearningRate(c, 9), 1.0);
        QCOMPARE(scheduledLearningRate(c, 10), 1.0);
        QVERIFY(std::abs(scheduledLearningRate(c, 55) - 0.55) < 1e-12);  // half way: 0.1 + 0.9 * 0.5
        QVERIFY(std::abs(scheduledLearningRate(c, 100) - 0.1) < 1e-12);
    }

    void resumedTrainingIsBitIdentical() {
        auto train = copyTask(20, 1);  // batches of 8 cross epoch boundaries (reshuffles)
        AnswerTrainingConfig config;
        config.steps = 12;
        config.batchSize = 8;
        DecoderModel whole = testing::tinyModel(testing::tinyConfig(), 3);
        TrainingProgress uninterrupted = trainOnAnswers(whole, train, config);

        std::vector<unsigned char> checkpoint;
        {
            DecoderModel first = testing::tinyModel(testing::tinyConfig(), 3);
            AnswerTrainer trainer(first, train, config);
            for (int i = 0; i < 5; ++i) trainer.step();
            checkpoint = trainer.checkpoint();
        }
        DecoderModel resumed = testing::tinyModel(testing::tinyConfig(), 3);  // fresh weights, overwritten
        AnswerTrainer trainer(resumed, train, config);
        trainer.resume(checkpoint, "test checkpoint");
        QCOMPARE(trainer.progress().step, int64_t(5));
        while (!trainer.finished()) trainer.step();
        QCOMPARE(trainer.progress().loss, uninterrupted.loss);
        QCOMPARE(trainer.progress().accuracy, uninterrupted.accuracy);
        auto a = whole.parameters(), b = resumed.parameters();
        QCOMPARE(a.size(), b.size());
        for (size_t i = 0; i < a.size(); ++i) QVERIFY2(at::equal(a[i], b[i]), qPrintable(QString("parameter %1").arg(i)));
        QVERIFY_THROWS_EXCEPTION(ConfigError, trainer.step());
    }

    void resumeRejectsForeignOrDamagedCheckpoints() {
        auto train = copyTask(20, 1);
        AnswerTrainingConfig config;
        config.steps = 4;
        config.batchSize = 4;
        DecoderModel model = testing::tinyModel(testing::tinyConfig(), 3);
        std::vector<unsigned char> checkpoint;
        {
            AnswerTrainer trainer(model, train, config);
            trainer.step();
            checkpoint = trainer.checkpoint();
        }
        // The message of the error resume() raises (empty when none), and whether the trainer stayed unchanged.
        auto errorOf = [&](const std::vector<unsigned char>& bytes, const AnswerTrainingConfig& c) -> QString {
            AnswerTrainer trainer(model, train, c);
            try {
                trainer.resume(bytes, "run 7 checkpoint 'training'");
            } catch (const FileError& e) {
                if (trainer.progress().step != 0) return QStringLiteral("trainer changed by a failed resume");
                return QString::fromStdString(e.what());
            }
            return {};
        };
        AnswerTrainingConfig other = config;
        other.learningRate = 1e-2;
        QVERIFY(errorOf(checkpoint, other).contains("run 7 checkpoint 'training': it was taken with another training configuration"));
        std::vector<unsigned char> truncated(checkpoint.begin(), checkpoint.begin() + long(checkpoint.size() / 2));
        QVERIFY(errorOf(truncated, config).startsWith("run 7 checkpoint 'training': "));
        QVERIFY(errorOf({}, config).startsWith("run 7 checkpoint 'training': "));
        QVERIFY(errorOf(checkpoint, config).isEmpty());
    }

    void rejectsEmptyData() {
        DecoderModel model = testing::tinyModel(testing::tinyConfig(), 3);
        QVERIFY_THROWS_EXCEPTION(ConfigError, trainOnAnswers(model, {}, AnswerTrainingConfig{}));
    }
};

QTEST_GUILESS_MAIN(TestAnswerTraining)
#include "test_answer_training.moc"
