// Edit evaluation: Raw, Generality and Locality from hand-made correctness vectors, the aggregation over
// patterns and seeds, and batched candidate scoring.
#include <QtTest>

#include <cmath>

#include "analysis/edit_summary.h"
#include "edit/evaluation.h"
#include "model/scoring.h"
#include "tiny_models.h"
#include "util/error.h"

using namespace redit;
using namespace redit::analysis;

class TestEditEvaluation : public QObject {
    Q_OBJECT
private slots:
    void localityCountsOnlyWhatWasCorrectBefore() {
        // Correct before: 0, 1, 3, 4; of those 1 and 4 are still correct. Instance 2 becomes correct: ignored.
        const std::vector<bool> before{true, true, false, true, true}, after{false, true, true, false, true};
        QCOMPARE(*locality(before, after), 0.5);
        QVERIFY(!locality({false, false}, {true, true}).has_value());
        QVERIFY_THROWS_EXCEPTION(ConfigError, locality({true}, {true, false}));
    }

    void patternOutcome() {
        PatternEditOutcome o = patternEditOutcome("d1-00", 1, {true, false, false, false}, {true, true, true, false},
                                                  {true, true, true, false}, {true, false, true, true});
        QCOMPARE(o.raw, 0.25);
        QCOMPARE(o.generality, 0.75);
        QCOMPARE(*o.locality, 2.0 / 3.0);
        QVERIFY_THROWS_EXCEPTION(ConfigError, patternEditOutcome("x", 1, {}, {}, {}, {}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, patternEditOutcome("x", 1, {true}, {true, true}, {}, {}));
    }

    void summaryAveragesPatternsThenSeeds() {
        // Seed 1: generality 0.6 and 0.8 -> 0.7; seed 2: 0.5 and 0.7 -> 0.6. Mean 0.65, sample std
        // sqrt(2 * 0.05^2 / 1) = 0.0707... Locality: seed 1 only pattern a counts (b has none) -> 0.9;
        // seed 2: (1.0 + 0.8) / 2 = 0.9. Mean 0.9, std 0.
        std::vector<PatternEditOutcome> outcomes{
            {"a", 1, 0.5, 0.6, 0.9}, {"b", 1, 0.3, 0.8, std::nullopt},
            {"a", 2, 0.5, 0.5, 1.0}, {"b", 2, 0.3, 0.7, 0.8}};
        EditSummary s = summarizeEdits(outcomes);
        QCOMPARE(s.patterns, int64_t(2));
        QCOMPARE(s.seeds, int64_t(2));
        QVERIFY(std::abs(s.generality.mean - 0.65) < 1e-12);
        QVERIFY(std::abs(s.generality.std - std::sqrt(0.005)) < 1e-12);
        QVERIFY(std::abs(s.raw.mean - 0.4) < 1e-12);
        QCOMPARE(s.raw.std, 0.0);
        QVERIFY(std::abs(s.locality.mean - 0.9) < 1e-12);
        QVERIFY(s.locality.std < 1e-12);
        QCOMPARE(s.locality.n, int64_t(2));
        QVERIFY_THROWS_EXCEPTION(ConfigError, summarizeEdits({}));
    }

    void meanAndSampleStandardDeviation() {
        MeanStd m = meanStd({2, 4, 4, 4, 5, 5, 7, 9});
        QCOMPARE(m.mean, 5.0);
        QVERIFY(std::abs(m.std - std::sqrt(32.0 / 7.0)) < 1e-12);
        QCOMPARE(meanStd({3}).std, 0.0);
        QVERIFY_THROWS_EXCEPTION(ConfigError, meanStd({}));
    }

    void batchedScoringMatchesOneBatch() {
        DecoderModel model = testing::tinyModel(testing::tinyConfig());
        const std::vector<int64_t> candidates{3, 10, 20};
        std::vector<ScoredPrompt> prompts{{{1, 2, 3}, 0}, {{4, 5, 6, 7}, 1}, {{8}, 2}, {{9, 10, 11, 12, 13}, 0}, {{14, 15}, 1}};
        std::vector<std::vector<int32_t>> ids;
        for (const auto& p : prompts) ids.push_back(p.prompt);
        std::vector<int64_t> predicted = predictCandidates(model, makeLeftPaddedBatch(ids, 0), candidates);
        std::vector<bool> expected;
        for (size_t i = 0; i < prompts.size(); ++i) expected.push_back(predicted[i] == prompts[i].gold);
        QCOMPARE(answeredCorrectly(model, prompts, candidates, 0, 2), expected);
        QCOMPARE(answeredCorrectly(model, prompts, candidates, 0, 100), expected);
        // Gold = the prediction everywhere: accuracy 1.
        for (size_t i = 0; i < prompts.size(); ++i) prompts[i].gold = predicted[i];
        QCOMPARE(accuracy(answeredCorrectly(model, prompts, candidates, 0, 3)), 1.0);
        QVERIFY_THROWS_EXCEPTION(ConfigError, answeredCorrectly(model, prompts, {}, 0, 2));
        QVERIFY_THROWS_EXCEPTION(ConfigError, answeredCorrectly(model, prompts, {3, 99}, 0, 2));
        QVERIFY_THROWS_EXCEPTION(ConfigError, answeredCorrectly(model, {{{1}, 5}}, candidates, 0, 2));
        QVERIFY_THROWS_EXCEPTION(ConfigError, answeredCorrectly(model, prompts, candidates, 0, 0));
    }
};

QTEST_GUILESS_MAIN(TestEditEvaluation)
#include "test_edit_evaluation.moc"
