// The train-tiny stage: cancelled after its first checkpoint and resumed, it writes the same model as an
// uninterrupted run, records it in the models table and its training curve as metrics.
#include <QtTest>

#include <fstream>
#include <iterator>

#include "jobs/job_runner.h"
#include "jobs/run_request.h"
#include "jobs/stage_registry.h"
#include "stages/builtin_stages.h"
#include "stages/train_tiny_stage.h"
#include "store/checkpoints.h"
#include "store/metrics.h"
#include "store/models.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "temp_dir.h"
#include "tiny_recipe.h"

using namespace redit;

namespace {

std::string fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

class TestTrainTinyStage : public QObject {
    Q_OBJECT
private slots:
    void cancelledRunResumesToTheSameModel() {
        QTemporaryDir dir;
        StageRegistry stages;
        registerBuiltinStages(stages);
        ProjectStore store = ProjectStore::create(testing::pathIn(dir, "p.redit"));
        const std::int64_t whole = submitRun(store, stages, {{"kind", "train-tiny"}, {"params", testing::tinyTrainParams("whole", 30, 10)}});
        const std::int64_t parts = submitRun(store, stages, {{"kind", "train-tiny"}, {"params", testing::tinyTrainParams("parts", 30, 10)}});

        CancelToken neverCancelled;
        QCOMPARE(executeRun(store, stages, whole, neverCancelled), RunStatus::Finished);

        // Cancel as soon as the first checkpoint is committed.
        CancelToken token;
        std::vector<double> fractions;
        auto cancelAtCheckpoint = [&](std::int64_t run, const Progress& p) {
            fractions.push_back(p.fraction);
            if (loadCheckpoint(store, run, "training")) token.cancel();
        };
        QCOMPARE(executeRun(store, stages, parts, token, cancelAtCheckpoint), RunStatus::Cancelled);
        QVERIFY(loadCheckpoint(store, parts, "training").has_value());
        QVERIFY(resultRows(store, parts, "model").empty());
        QVERIFY(!QFileInfo::exists(QString::fromStdString(testing::pathIn(dir, "parts/model.safetensors"))));

        fractions.clear();
        CancelToken fresh;
        QCOMPARE(executeRun(store, stages, parts, fresh, [&](std::int64_t, const Progress& p) { fractions.push_back(p.fraction); }),
                 RunStatus::Finished);
        QVERIFY(fractions.size() >= 2);
        QVERIFY2(fractions[1] > 0.3, "the resumed run continued after its checkpoint at step 10 of 30");

        const std::string a = fileBytes(testing::pathIn(dir, "whole/model.safetensors"));
        const std::string b = fileBytes(testing::pathIn(dir, "parts/model.safetensors"));
        QVERIFY(!a.empty());
        QVERIFY2(a == b, "resumed weights are bit-identical to the uninterrupted run's");

        // Both models are in the models table (same weights, different folders) and the runs name them.
        std::vector<ModelRecord> models = listModels(store);
        QCOMPARE(models.size(), size_t(2));
        QCOMPARE(models[0].contentHash, models[1].contentHash);
        QCOMPARE(models[1].path, testing::pathIn(dir, "parts"));
        QCOMPARE(models[1].config["hidden_size"].get<int>(), 16);
        QCOMPARE(resultRows(store, parts, "model").at(0).data["model_id"].get<std::int64_t>(), models[1].id);
        QVERIFY(QFileInfo::exists(QString::fromStdString(testing::pathIn(dir, "parts/logic_tiny_recipe.json"))));

        // The training curve: loss recorded at the final step.
        bool lossAtEnd = false;
        for (const MetricPoint& m : runMetrics(store, whole)) lossAtEnd |= m.name == "loss" && m.step == 30;
        QVERIFY(lossAtEnd);
    }

    void paramsAreCheckedAndDefaultsAreTheRecipes() {
        StageRegistry stages;
        registerBuiltinStages(stages);
        const StageInfo& stage = stages.get("train-tiny");
        const nlohmann::json defaults = stage.schema.apply(nlohmann::json::object());
        const demo::LogicTinyRecipe recipe = recipeFromParams(defaults);
        QVERIFY(recipe.toJson() == demo::LogicTinyRecipe().toJson());
        nlohmann::json bad = defaults;
        bad["key_value_heads"] = 3;
        QVERIFY_THROWS_EXCEPTION(ConfigError, recipeFromParams(bad));
        bad = defaults;
        bad["under_sampled_rules"] = {1, 2};
        QVERIFY_THROWS_EXCEPTION(ConfigError, recipeFromParams(bad));
        QVERIFY_THROWS_EXCEPTION(ConfigError, stage.schema.apply({{"steps", 0}}));
        QVERIFY(stages.has("eval"));
    }
};

QTEST_GUILESS_MAIN(TestTrainTinyStage)
#include "test_train_tiny_stage.moc"
