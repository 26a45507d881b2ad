// The check after a reshaping of the whole next-token distribution at the answer position, on a tiny fp64
// model: against the model itself, and against a copy whose logits are all zero (a uniform distribution),
// where the KL is log V minus the original's entropy and no candidate is on top.
#include <ATen/core/grad_mode.h>
#include <QtTest>

#include <cmath>

#include "reshape/answer_position_check.h"
#include "reshape/circuit_reshaper.h"
#include "tiny_models.h"
#include "util/error.h"

using namespace redit;

namespace {

// Prompts of several lengths, so that the batches are padded.
std::vector<std::vector<int32_t>> prompts() {
    std::vector<std::vector<int32_t>> out;
    for (int i = 0; i < 7; ++i) {
        std::vector<int32_t> p;
        for (int t = 0; t < 3 + i % 3; ++t) p.push_back(int32_t(1 + (5 * i + 3 * t) % 20));
        out.push_back(p);
    }
    return out;
}

at::Tensor lastLogits(const DecoderModel& m, const std::vector<int32_t>& prompt) {
    at::NoGradGuard noGrad;
    return m.forward(makeLeftPaddedBatch({prompt}, 0).ids).logits[0][-1];
}

}  // namespace

class TestAnswerPositionCheck : public QObject {
    Q_OBJECT
private slots:
    void theModelAgainstItselfLosesNothing() {
        const DecoderModel m = testing::tinyModel64();
        // The candidates: the tokens the model puts on top for the first three prompts, so some count.
        std::vector<int64_t> candidates;
        for (int i = 0; i < 3; ++i) candidates.push_back(lastLogits(m, prompts()[size_t(i)]).argmax().item<int64_t>());
        int64_t onTop = 0;
        for (const auto& p : prompts()) {
            const int64_t top = lastLogits(m, p).argmax().item<int64_t>();
            onTop += std::find(candidates.begin(), candidates.end(), top) != candidates.end();
        }
        const AnswerPositionCheck check = checkAnswerPosition(answerPositionReference(m, prompts(), candidates, 0, 2), m);
        QCOMPARE(check.prompts, int64_t(7));
        QCOMPARE(check.candidateOnTopBefore, onTop);
        QCOMPARE(check.candidateOnTopAfter, onTop);
        QVERIFY(onTop >= 3);
        QVERIFY(std::abs(check.vocabularyKl) < 1e-12);
        QVERIFY(!answerPositionLost(check));
        QVERIFY(describeAnswerPositionCheck(check).find("Other tokens now outrank") == std::string::npos);
    }

    void aUniformModelLosesTheAnswers() {
        const DecoderModel m = testing::tinyModel64();
        DecoderModel flat(m.config(), frozenCopy(m)->weights());
        flat.weights().finalNorm = at::zeros_like(m.weights().finalNorm);  // every logit 0: argmax is token 0
        // The candidates: the tokens the model puts on top, but token 0 (the flat model's argmax).
        std::vector<int64_t> candidates;
        for (const auto& p : prompts()) {
            const int64_t top = lastLogits(m, p).argmax().item<int64_t>();
            if (top != 0) candidates.push_back(top);
        }
        QVERIFY(!candidates.empty());
        // KL(p || uniform) = log V - H(p), by hand per prompt.
        double expected = 0;
        for (const auto& p : prompts()) {
            const at::Tensor logP = at::log_softmax(lastLogits(m, p), 0);
            expected += std::log(double(m.config().vocabSize)) + (logP.exp() * logP).sum().item<double>();
        }
        expected /= 7.0;
        const AnswerPositionCheck check = checkAnswerPosition(answerPositionReference(m, prompts(), candidates, 0, 3), flat);
        QCOMPARE(check.candidateOnTopAfter, int64_t(0));
        QCOMPARE(check.candidateOnTopBefore, int64_t(candidates.size()));
        QVERIFY2(std::abs(check.vocabularyKl - expected) < 1e-9, qPrintable(QString::number(check.vocabularyKl)));
        QVERIFY(answerPositionLost(check));
        const std::string text = describeAnswerPositionCheck(check);
        QVERIFY2(text.find("on 7 preserve prompts a candidate answer is the most likely next token in 0 (the original: ") == 0,
                 text.c_str());
        QVERIFY(text.find("consider a smaller inner_lr") != std::string::npos);
    }

    void refusesBadInput() {
        const DecoderModel m = testing::tinyModel64();
        QVERIFY_THROWS_EXCEPTION(ConfigError, answerPositionReference(m, {}, {1}, 0));
        QVERIFY_THROWS_EXCEPTION(ConfigError, answerPositionReference(m, prompts(), {m.config().vocabSize}, 0));
        QVERIFY_THROWS_EXCEPTION(ConfigError, answerPositionReference(m, prompts(), {1}, 0, 0));
        // Only the first kAnswerPositionPrompts prompts are kept (each holds a vocabulary-sized row).
        std::vector<std::vector<int32_t>> many(kAnswerPositionPrompts + 3, prompts().front());
        QCOMPARE(answerPositionReference(m, many, {1}, 0, 64).logProbabilities.size(0), int64_t(kAnswerPositionPrompts));
    }
};

QTEST_GUILESS_MAIN(TestAnswerPositionCheck)
#include "test_answer_position_check.moc"
