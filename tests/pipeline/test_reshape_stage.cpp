// The reshape stage on logic-tiny and two level-1 patterns' worth of small tasks: cancelled after its first
// checkpoint and resumed, it writes the same weights as an uninterrupted run, records the loss terms per
// meta-iteration, the model in the models table and the reshaped-model artifact; params are checked.
#include <QtTest>

#include <fstream>
#include <map>
#include <iterator>

#include "data/dataset_spec.h"
#include "jobs/job_runner.h"
#include "jobs/run_request.h"
#include "jobs/stage_registry.h"
#include "stages/reshape_stage.h"
#include "stages/builtin_stages.h"
#include "store/artifacts.h"
#include "store/checkpoints.h"
#include "store/metrics.h"
#include "model/model_folder.h"
#include "model/tokenizer.h"
#include "model/trainable_parameters.h"
#include "reshape/reshape_patterns.h"
#include "store/models.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "temp_dir.h"
#include "util/error.h"

using namespace redit;

namespace {

std::string fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

nlohmann::json smallReshape(const std::string& output) {
    return {{"model", std::string(REDIT_SOURCE_DIR) + "/resources/models/logic-tiny"},
            {"data", "synthetic:deductive:level1"},
            {"output", output},
            {"meta_iterations", 3},
            {"tasks_per_iteration", 1},
            {"anchors_per_task", 2},
            {"negatives_per_anchor", 1},
            {"preserve_batch", 4},
            {"trainable", {"layers.3."}}};
}

}  // namespace

class TestReshapeStage : public QObject {
    Q_OBJECT
private slots:
    // sd1-02 (or:TT) and sd1-09 (and:FF) keep their label whichever single fact flips: no pairs. The
    // contrastive tasks need pairs of two patterns, and the error says which patterns lack them.
    void reshapeDataNamesThePatternsWithoutPairs() {
        const Tokenizer tokenizer =
            Tokenizer::fromFile(std::string(REDIT_SOURCE_DIR) + "/resources/models/logic-tiny/tokenizer.json");
        std::map<std::string, data::Pattern> byId;
        for (data::Pattern& p : data::loadDataset("synthetic:deductive:level1")) byId[p.id] = std::move(p);
        const data::SplitOptions split;

        const ReshapeData data =
            pipeline::reshapeDataFor(tokenizer, {byId["sd1-02"], byId["sd1-03"], byId["sd1-04"]}, split, 0, 0);
        QCOMPARE(data.pools.size(), size_t(3));
        QVERIFY(data.pools[0].empty());
        QCOMPARE(data.pools[1].size(), pipeline::kReshapePairsPerPattern);
        QCOMPARE(data.pools[2].size(), pipeline::kReshapePairsPerPattern);

        try {
            pipeline::reshapeDataFor(tokenizer, {byId["sd1-02"], byId["sd1-09"], byId["sd1-03"]}, split, 0, 0);
            QFAIL("reshape data with pairs of one pattern was accepted");
        } catch (const ConfigError& e) {
            const QString message = e.what();
            QVERIFY2(message.contains("pairs exist for sd1-03 and not for sd1-02, sd1-09"), e.what());
        }
    }

    void cancelledRunResumesToTheSameModel() {
        QTemporaryDir dir;
        StageRegistry stages;
        registerBuiltinStages(stages);
        ProjectStore store = ProjectStore::create(testing::pathIn(dir, "p.redit"));
        const std::int64_t whole = submitRun(store, stages, {{"kind", "reshape"}, {"params", smallReshape("whole")}});
        const std::int64_t parts = submitRun(store, stages, {{"kind", "reshape"}, {"params", smallReshape("parts")}});
        CancelToken never;
        QCOMPARE(executeRun(store, stages, whole, never), RunStatus::Finished);

        CancelToken token;
        auto cancelAtCheckpoint = [&](std::int64_t run, const Progress&) {
            if (loadCheckpoint(store, run, "reshape")) token.cancel();
        };
        QCOMPARE(executeRun(store, stages, parts, token, cancelAtCheckpoint), RunStatus::Cancelled);
        QVERIFY(loadCheckpoint(store, parts, "reshape").has_value());
        QVERIFY(!QFileInfo::exists(QString::fromStdString(testing::pathIn(dir, "parts/model.safetensors"))));
        std::vector<double> fractions;
        CancelToken fresh;
        QCOMPARE(executeRun(store, stages, parts, fresh, [&](std::int64_t, const Progress& p) { fractions.push_back(p.fraction); }),
                 RunStatus::Finished);
        QVERIFY2(fractions.size() >= 2 && fractions[1] > 0.3, "the resumed run continued after meta-iteration 1");

        const std::string a = fileBytes(testing::pathIn(dir, "whole/model.safetensors"));
        const std::string b = fileBytes(testing::pathIn(dir, "parts/model.safetensors"));
        const std::string original = fileBytes(std::string(REDIT_SOURCE_DIR) + "/resources/models/logic-tiny/model.safetensors");
        QVERIFY(!a.empty());
        QVERIFY2(a == b, "resumed weights are bit-identical to the uninterrupted run's");
        QVERIFY2(a != original, "the reshape changed the weights");
        QVERIFY(QFileInfo::exists(QString::fromStdString(testing::pathIn(dir, "whole/tokenizer.json"))));
        QVERIFY(QFileInfo::exists(QString::fromStdString(testing::pathIn(dir, "whole/config.json"))));

        // The source model (recorded once by the run-model loader, the input of both runs) and the two outputs.
        QCOMPARE(listModels(store).size(), size_t(3));
        QVERIFY(loadRun(store, whole).modelId.has_value());
        QCOMPARE(loadRun(store, parts).modelId, loadRun(store, whole).modelId);
        const std::vector<Artifact> artifacts = listArtifacts(store, whole);
        QCOMPARE(artifacts.size(), size_t(1));
        QCOMPARE(artifacts[0].name, std::string("reshaped-model"));
        int lossPoints = 0;
        for (const MetricPoint& m : runMetrics(store, whole)) lossPoints += m.name == "contrastive_loss";
        QCOMPARE(lossPoints, 3);
        // The weight change each meta-iteration reports; the last is the written model's distance from the source.
        std::vector<double> moved;
        for (const MetricPoint& m : runMetrics(store, whole))
            if (m.name == "weight_change") moved.push_back(m.value);
        QCOMPARE(moved.size(), size_t(3));
        const std::string source = std::string(REDIT_SOURCE_DIR) + "/resources/models/logic-tiny";
        const LoadedModel before = loadModelFolder(source), after = loadModelFolder(testing::pathIn(dir, "whole"));
        const double written = relativeParameterChange(before.model->weights(), after.model->weights(), {"layers.3."});
        QVERIFY(written > 0);
        QVERIFY2(std::abs(moved.back() - written) <= 1e-6 * written, qPrintable(QString("%1 vs %2").arg(moved.back()).arg(written)));
    }

    void paramsAreChecked() {
        StageRegistry stages;
        registerBuiltinStages(stages);
        const StageInfo& stage = stages.get("reshape");
        nlohmann::json p = stage.schema.apply(smallReshape("x"));
        const ReshapeOptions o = stages::reshapeOptionsFromParams(p, 9);
        QCOMPARE(o.metaIterations, int64_t(3));
        QVERIFY(o.granularity == Granularity::Node);
        QCOMPARE(o.seed, std::uint64_t(9));
        QCOMPARE(o.innerLearningRate, ReshapeOptions{}.innerLearningRate);
        nlohmann::json bad = smallReshape("x");
        bad["granularity"] = "layer";
        QVERIFY_THROWS_EXCEPTION(ConfigError, stage.schema.apply(bad));
        bad = smallReshape("x");
        bad["trainable"] = {1};
        QVERIFY_THROWS_EXCEPTION(ConfigError, stages::reshapeOptionsFromParams(stage.schema.apply(bad), 0));
    }
};

QTEST_GUILESS_MAIN(TestReshapeStage)
#include "test_reshape_stage.moc"
