// Prediction preservation: KL(p_ref || p_theta) over the answer distribution, averaged over the instances the
// reference answers correctly.
#include <QtTest>

#include <cmath>

#include "reshape/prediction_preservation.h"
#include "tiny_models.h"
#include "util/error.h"

using namespace redit;

namespace {
at::Tensor flags(std::vector<int64_t> values) { return at::tensor(values, at::kLong).to(at::kBool); }
}  // namespace

class TestPredictionPreservation : public QObject {
    Q_OBJECT
private slots:
    void matchesAHandComputedKl() {
        // Vocabulary of 3, candidates {0, 2}. Row 0: reference logits (0, 9, ln 3) -> over the candidates
        // p = (1/4, 3/4); model (0, -5, 0) -> q = (1/2, 1/2). KL = 1/4 ln(1/2) + 3/4 ln(3/2).
        // Row 1 is not kept and must not count.
        at::Tensor ref = at::tensor({0.0, 9.0, std::log(3.0), 1.0, 2.0, 3.0}, at::kDouble).view({2, 3});
        at::Tensor cur = at::tensor({0.0, -5.0, 0.0, 3.0, 2.0, 1.0}, at::kDouble).view({2, 3});
        at::Tensor keep = flags({1, 0});
        const double expected = 0.25 * std::log(0.5) + 0.75 * std::log(1.5);
        const double kl = answerKlDivergence(ref, cur, keep, AnswerSupport::Candidates, {0, 2}).item<double>();
        QVERIFY2(std::abs(kl - expected) < 1e-12, qPrintable(QString("%1 vs %2").arg(kl).arg(expected)));

        // Full vocabulary on row 1 alone: p = softmax(1,2,3), q = softmax(3,2,1); KL = sum p (ln p - ln q).
        const double z = std::exp(1.0) + std::exp(2.0) + std::exp(3.0);
        double full = 0;
        for (int y = 0; y < 3; ++y) {
            const double p = std::exp(1.0 + y) / z, q = std::exp(3.0 - y) / z;
            full += p * std::log(p / q);
        }
        at::Tensor onlyRow1 = flags({0, 1});
        const double got = answerKlDivergence(ref, cur, onlyRow1, AnswerSupport::FullVocabulary, {}).item<double>();
        QVERIFY(std::abs(got - full) < 1e-12);

        // Both rows kept: the mean of the two.
        const double both = answerKlDivergence(ref, cur, flags({1, 1}), AnswerSupport::FullVocabulary, {})
                                .item<double>();
        const double row0 = answerKlDivergence(ref, cur, keep, AnswerSupport::FullVocabulary, {}).item<double>();
        QVERIFY(std::abs(both - (row0 + full) / 2) < 1e-12);
        // Nothing kept: zero.
        QCOMPARE(answerKlDivergence(ref, cur, flags({0, 0}), AnswerSupport::Candidates, {0, 2}).item<double>(), 0.0);
    }

    void keepsOnlyWhatTheReferenceAnswersCorrectly() {
        DecoderModel reference = testing::tinyModel(testing::tinyConfig(), 7);
        reference.to(at::kCPU, at::kDouble);
        DecoderModel model = testing::tinyModel(testing::tinyConfig(), 8);
        model.to(at::kCPU, at::kDouble);
        TokenBatch batch = makeLeftPaddedBatch({{1, 2, 3}, {4, 5}, {6, 7, 8, 9}}, 0);
        const std::vector<int64_t> candidates{3, 10, 20};
        std::vector<int64_t> predicted = predictCandidates(reference, batch, candidates);
        // Gold = the reference's own prediction for rows 0 and 2, a different candidate for row 1.
        std::vector<int64_t> gold{predicted[0], (predicted[1] + 1) % 3, predicted[2]};

        at::Tensor loss = predictionPreservationLoss(reference, model, batch, candidates, gold, AnswerSupport::Candidates);
        at::Tensor refLogits = candidateLogits(reference, batch, candidates).to(at::kDouble);
        at::Tensor curLogits = candidateLogits(model, batch, candidates).to(at::kDouble);
        double expected = 0;
        for (int64_t row : {0, 2}) {
            at::Tensor p = at::softmax(refLogits[row], 0), q = at::softmax(curLogits[row], 0);
            expected += (p * (p.log() - q.log())).sum().item<double>() / 2;
        }
        QVERIFY(std::abs(loss.item<double>() - expected) < 1e-5);
        QVERIFY(loss.item<double>() > 0);
        // The model against itself: zero.
        QVERIFY(std::abs(predictionPreservationLoss(reference, reference, batch, candidates, gold,
                                                    AnswerSupport::FullVocabulary).item<double>()) < 1e-12);
    }

    void rejectsBadInput() {
        at::Tensor x = at::zeros({2, 3});
        QVERIFY_THROWS_EXCEPTION(ConfigError, answerKlDivergence(x, at::zeros({2, 4}), at::ones({2}), AnswerSupport::FullVocabulary, {}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, answerKlDivergence(x, x, at::ones({3}), AnswerSupport::FullVocabulary, {}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, answerKlDivergence(x, x, at::ones({2}), AnswerSupport::Candidates, {5}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, answerKlDivergence(x, x, at::ones({2}), AnswerSupport::Candidates, {}));
    }
};

QTEST_GUILESS_MAIN(TestPredictionPreservation)
#include "test_prediction_preservation.moc"
