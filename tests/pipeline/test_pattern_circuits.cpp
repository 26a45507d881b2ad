#include <QtTest>
#include <algorithm>
#include <cmath>

#include "jobs/job_runner.h"
#include "jobs/run_request.h"
#include "model/model_folder.h"
#include "analysis/law_fit.h"
#include "analysis/pattern_distances.h"
#include "results/circuit_records.h"
#include "results/law_records.h"
#include "circuits/pattern_pairs.h"
#include "pipeline/pattern_scores.h"
#include "stages/pipeline_stages.h"
#include "pipeline_fixture.h"
#include "store/project_store.h"
#include "store/results.h"
#include "temp_dir.h"
#include "util/error.h"

using namespace redit;
using namespace redit::analysis;
using namespace redit::pipeline;
using namespace redit::results;
using namespace redit::stages;

class TestPatternCircuits : public QObject {
    Q_OBJECT

    testing::TinyPipelineModel tiny = testing::tinyPipelineModel();

    std::vector<double> directEap(const std::vector<data::CleanCorruptedPair>& pairs, int64_t igSteps) const {
        EapOptions options;
        options.integratedGradientSteps = igSteps;
        at::Tensor matrix =
            *computeEapScores(*tiny.model, eapBatchFor(tiny.tokenizer, data::demoPromptStyle(), pairs, 0), options);
        return edgeScoreVector(CircuitGraph(GraphShape::of(tiny.model->config())), matrix);
    }

    // Equal up to float32 storage and a different order of summation.
    static void compareScores(const std::vector<double>& got, const std::vector<double>& want) {
        QCOMPARE(got.size(), want.size());
        double largest = 0;
        for (double w : want) largest = std::max(largest, std::abs(w));
        QVERIFY(largest > 0);
        for (size_t e = 0; e < want.size(); ++e)
            QVERIFY2(std::abs(got[e] - want[e]) <= 1e-5 * largest,
                     qPrintable(QString("edge %1: %2 vs %3").arg(e).arg(got[e]).arg(want[e])));
    }

    void storedScoresEqualDirectEap(int64_t igSteps) {
        PatternScoreOptions options;
        options.pairs.count = 5;
        options.eap.integratedGradientSteps = igSteps;
        const PatternScoreSet scored = *scorePatterns(*tiny.model, tiny.tokenizer, tiny.patterns, options);
        const std::vector<PatternScores>& scores = scored.patterns;
        QCOMPARE(scores.size() + scored.withoutPairs.size(), tiny.patterns.size());

        QTemporaryDir dir;
        ProjectStore store = ProjectStore::create(testing::pathIn(dir, "p.redit"));
        NewRun run;
        run.config = {{"pairs", 5}};
        const GraphShape shape = GraphShape::of(tiny.model->config());
        const int64_t runId = saveCircuitRun(store, run, shape, scores);
        const CircuitRun loaded = loadCircuitRun(store, runId);
        QCOMPARE(loaded.shape.layers, shape.layers);

        QCOMPARE(loaded.patterns.size(), scores.size());
        QCOMPARE(scored.withoutPairs, std::vector<std::string>{"sd1-00"});
        for (size_t p = 0; p < scores.size(); ++p) {
            QCOMPARE(loaded.patterns[p].patternId, tiny.patterns[p + 1].id);
            QCOMPARE(loaded.patterns[p].pairs, int64_t(5));
            std::vector<data::CleanCorruptedPair> pairs = trainPairs(tiny.patterns[p + 1], options.pairs);
            compareScores(loaded.patterns[p].all, directEap(pairs, igSteps));
            // Halves: the first ceil(5 / 2) = 3 pairs and the other 2.
            compareScores(loaded.patterns[p].halfA, directEap({pairs.begin(), pairs.begin() + 3}, igSteps));
            compareScores(loaded.patterns[p].halfB, directEap({pairs.begin() + 3, pairs.end()}, igSteps));
        }
    }

private slots:
    void pairsComeFromTheTrainDomains() {
        PairOptions options;
        options.count = 9;  // more than the six train domains: a second round of seeds
        QVERIFY(trainPairs(tiny.patterns[0], options).empty());  // sd1-00: no flip changes its label
        for (size_t p = 1; p < tiny.patterns.size(); ++p) {
            const data::Pattern& pattern = tiny.patterns[p];
            const data::PatternSplit split = data::splitPattern(pattern, options.split);
            std::vector<data::CleanCorruptedPair> pairs = trainPairs(pattern, options);
            QCOMPARE(pairs.size(), size_t(9));
            for (const auto& pair : pairs) {
                QVERIFY(std::count(split.trainDomains.begin(), split.trainDomains.end(), pair.clean.domain) == 1);
                QVERIFY(pair.clean.label != pair.corrupted.label);
            }
            QVERIFY(pairs[0].clean.text != pairs[6].clean.text);  // same domain, next round's seed
        }
    }

    void batchAnswersFollowTheLabels() {
        std::vector<data::CleanCorruptedPair> pairs = trainPairs(tiny.patterns[1], PairOptions{});
        EapBatch batch = eapBatchFor(tiny.tokenizer, data::demoPromptStyle(), pairs, 0);
        QCOMPARE(batch.clean.ids.size(0), int64_t(pairs.size()));
        QVERIFY(batch.clean.mask.equal(batch.corrupted.mask));
        const int64_t trueId = tiny.tokenizer.encode("True").front();
        for (size_t i = 0; i < pairs.size(); ++i)
            QCOMPARE(batch.cleanAnswers[i] == trueId, pairs[i].clean.label == data::Truth::True);
    }

    void storedCircuitsEqualDirectEap() { storedScoresEqualDirectEap(0); }
    void storedCircuitsEqualDirectEapIg() { storedScoresEqualDirectEap(3); }

    void fewerThanTwoPairsIsAConfigError() {
        PatternScoreOptions options;
        options.pairs.count = 1;
        QVERIFY_THROWS_EXCEPTION(ConfigError, scorePatterns(*tiny.model, tiny.tokenizer, tiny.patterns, options));
    }

    void circuitsAndDistancesRunAsStages() {
        QTemporaryDir dir;
        const std::string model = testing::pathIn(dir, "model");
        saveModelFolder(model, *tiny.model, tiny.tokenizerJson);
        ProjectStore store = ProjectStore::create(testing::pathIn(dir, "p.redit"));
        StageRegistry registry;
        registerPipelineStages(registry);
        CancelToken token;
        const int64_t circuitsRun = submitRun(
            store, registry, {{"kind", "circuits"}, {"params", {{"model", model}, {"data", testing::kTinyDataSpec}, {"pairs", 4}}}});
        QCOMPARE(int(executeRun(store, registry, circuitsRun, token)), int(RunStatus::Finished));
        const CircuitRun circuits = loadCircuitRun(store, circuitsRun);
        QCOMPARE(circuits.patterns.size(), tiny.patterns.size() - 1);
        QCOMPARE(circuits.patterns[0].pairs, int64_t(4));
        PairOptions pairs;
        pairs.count = 4;
        compareScores(circuits.patterns[0].all, directEap(trainPairs(tiny.patterns[1], pairs), 0));

        const int64_t distancesRun =
            submitRun(store, registry, {{"kind", "distances"}, {"params", {{"budgets", {0.25, 0.5}}}}});
        QCOMPARE(int(executeRun(store, registry, distancesRun, token)), int(RunStatus::Finished));
        QCOMPARE(loadDistanceRows(store, distancesRun).size(), size_t(2 * 4 * (3 + 3)));

        // Interference with the LoRA editor, every pattern edited from the same base model.
        const int64_t interferenceRun = submitRun(
            store, registry,
            {{"kind", "interference"},
             {"params", {{"model", model}, {"data", testing::kTinyDataSpec}, {"lora_steps", 2}, {"lora_rank", 2}}}});
        QCOMPARE(int(executeRun(store, registry, interferenceRun, token)), int(RunStatus::Finished));
        const InterferenceResult interference = loadInterferenceRun(store, interferenceRun);
        QCOMPARE(interference.patterns.size(), tiny.patterns.size());
        QCOMPARE(interference.editedAccuracy.size(), tiny.patterns.size());

        const int64_t lawRun = submitRun(store, registry, {{"kind", "law"}, {"params", nlohmann::json::object()}});
        QCOMPARE(int(executeRun(store, registry, lawRun, token)), int(RunStatus::Finished));
        QVERIFY(!resultRows(store, lawRun, "law").empty());

        // A stage that cannot run fails with the reason kept on the run.
        const int64_t bad = submitRun(store, registry, {{"kind", "circuits"}, {"params", {{"model", model}, {"data", "synthetic:nothing"}}}});
        QCOMPARE(int(executeRun(store, registry, bad, token)), int(RunStatus::Failed));
        QVERIFY(!loadRun(store, bad).error.empty());
    }

    void graphSpecRoundTripsAndBadSpecsNameTheField() {
        const GraphShape shape{3, 4, 2};
        const GraphShape back = graphShapeFromSpec(graphSpecJson(shape), "x");
        QCOMPARE(back.layers, int64_t(3));
        QCOMPARE(back.heads, int64_t(4));
        QCOMPARE(back.keyValueHeads, int64_t(2));
        nlohmann::json bad = graphSpecJson(shape);
        bad["key_value_heads"] = 3;
        try {
            graphShapeFromSpec(bad, "p.redit");
            QFAIL("expected an error");
        } catch (const FileError& e) {
            QVERIFY2(QString(e.what()).contains("key_value_heads"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(FileError, graphShapeFromSpec(nlohmann::json::array(), "p.redit"));
    }
};

QTEST_GUILESS_MAIN(TestPatternCircuits)
#include "test_pattern_circuits.moc"
