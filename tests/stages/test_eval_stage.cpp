// The eval stage: its per-pattern table is what evaluatePatterns computes chunk by chunk, and a run
// cancelled after its first chunk resumes without redoing the committed patterns.
#include <QtTest>

#include "data/dataset_spec.h"
#include "edit/pattern_accuracy.h"
#include "jobs/job_runner.h"
#include "jobs/run_request.h"
#include "jobs/stage_registry.h"
#include "model/model_folder.h"
#include "model/scoring.h"
#include "stages/builtin_stages.h"
#include "stages/train_tiny_stage.h"
#include "store/checkpoints.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "temp_dir.h"
#include "tiny_recipe.h"

using namespace redit;

namespace {

const char* kData = "synthetic:deductive:level1:per_domain=1";

std::vector<nlohmann::json> table(const ProjectStore& store, std::int64_t run, const std::string& name) {
    std::vector<nlohmann::json> rows;
    for (const ResultRow& r : resultRows(store, run, name)) rows.push_back(r.data);
    return rows;
}

}  // namespace

class TestEvalStage : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string modelFolder_;

private slots:
    void initTestCase() {
        // A briefly trained demo model, so that accuracies differ between patterns.
        StageRegistry stages;
        registerBuiltinStages(stages);
        const demo::LogicTinyRecipe recipe =
            recipeFromParams(stages.get("train-tiny").schema.apply(testing::tinyTrainParams("m", 20, 20)));
        const demo::LogicTinyData data = demo::prepareLogicTinyData(recipe);
        DecoderModel model = demo::initialLogicTinyModel(recipe, data);
        TrainingProgress last = trainOnAnswers(model, data.examples, data.training);
        modelFolder_ = testing::pathIn(dir_, "model");
        demo::writeLogicTinyFolder(modelFolder_, model, recipe, data, last);
    }

    void resumedEvalKeepsFinishedPatternsAndMatchesAnUninterruptedRun() {
        StageRegistry stages;
        registerBuiltinStages(stages);
        ProjectStore store = ProjectStore::create(testing::pathIn(dir_, "eval.redit"));
        // "model" is relative to the project file's folder.
        const nlohmann::json params = {{"model", "model"}, {"data", kData}, {"patterns_per_checkpoint", 3}, {"threads", 1}};
        const std::int64_t whole = submitRun(store, stages, {{"kind", "eval"}, {"params", params}});
        const std::int64_t parts = submitRun(store, stages, {{"kind", "eval"}, {"params", params}});
        CancelToken none;
        QCOMPARE(executeRun(store, stages, whole, none), RunStatus::Finished);

        // The table equals evaluatePatterns on the same chunks.
        LoadedModel loaded = loadModelFolder(modelFolder_);
        const std::vector<data::Pattern> patterns = data::loadDataset(kData);
        QVERIFY(patterns.size() > 3);
        const std::vector<nlohmann::json> rows = table(store, whole, "pattern_accuracy");
        QCOMPARE(rows.size(), patterns.size());
        EvalOptions options;
        int64_t correct = 0, total = 0;
        for (size_t start = 0; start < patterns.size(); start += 3) {
            const std::vector<data::Pattern> part(patterns.begin() + long(start),
                                                  patterns.begin() + long(std::min(patterns.size(), start + 3)));
            const AccuracyReport report = evaluatePatterns(*loaded.model, loaded.tokenizer, part, options);
            for (size_t i = 0; i < part.size(); ++i) {
                const nlohmann::json& row = rows[start + i];
                QCOMPARE(row["pattern"].get<std::string>(), part[i].id);
                QCOMPARE(row["correct"].get<int64_t>(), report.patterns[i].correct);
                QCOMPARE(row["total"].get<int64_t>(), report.patterns[i].total);
                QCOMPARE(row["total"].get<int64_t>(), int64_t(11));  // one instance in each of the 11 domains
            }
            correct += report.correct;
            total += report.total;
        }
        // Each pattern's instance answers: one per scored instance, as many right as the table counts, each
        // probability the softmax of the three answer logits computed here independently.
        const std::vector<nlohmann::json> answerRows = table(store, whole, "instance_answers");
        QCOMPARE(answerRows.size(), patterns.size());
        const data::PromptStyle style = promptStyleFor(loaded.tokenizer);
        const std::vector<int64_t> candidates = answerTokenIds(loaded.tokenizer, style);
        const char* names[] = {"True", "False", "N/A"};
        for (size_t p = 0; p < patterns.size(); ++p) {
            const nlohmann::json& answers = answerRows[p]["answers"];
            QCOMPARE(answerRows[p]["pattern"].get<std::string>(), patterns[p].id);
            QCOMPARE(int64_t(answers.size()), rows[p]["total"].get<int64_t>());
            int64_t right = 0;
            for (const nlohmann::json& a : answers) right += a["answer"] == a["label"];
            QCOMPARE(right, rows[p]["correct"].get<int64_t>());
            const nlohmann::json& first = answers.at(0);
            const data::Instance& instance = *std::find_if(patterns[p].instances.begin(), patterns[p].instances.end(),
                                                           [](const data::Instance& i) { return i.domain != data::kAbstractDomain; });
            QCOMPARE(first["text"].get<std::string>(), instance.text);
            const at::Tensor logits = candidateLogits(
                *loaded.model, makeLeftPaddedBatch({loaded.tokenizer.encode(style.prompt(instance.text))}, 0), candidates)[0];
            const int64_t best = logits.argmax().item<int64_t>();
            QCOMPARE(first["answer"].get<std::string>(), std::string(names[best]));
            QVERIFY(std::abs(first["probability"].get<double>() - logits.softmax(0)[best].item<double>()) < 1e-5);
        }

        const nlohmann::json summary = table(store, whole, "eval_summary").at(0);
        QCOMPARE(summary["correct"].get<int64_t>(), correct);
        QCOMPARE(summary["total"].get<int64_t>(), total);

        // Cancel after the first chunk, mark its first row, resume: the mark survives (not recomputed).
        CancelToken token;
        auto cancelAtCheckpoint = [&](std::int64_t run, const Progress&) {
            if (loadCheckpoint(store, run, "eval")) token.cancel();
        };
        QCOMPARE(executeRun(store, stages, parts, token, cancelAtCheckpoint), RunStatus::Cancelled);
        std::vector<nlohmann::json> committed = table(store, parts, "pattern_accuracy");
        QCOMPARE(committed.size(), size_t(3));
        nlohmann::json marked = committed[0];
        marked["marker"] = true;
        putResultRow(store, parts, "pattern_accuracy", 0, marked);

        CancelToken fresh;
        QCOMPARE(executeRun(store, stages, parts, fresh), RunStatus::Finished);
        std::vector<nlohmann::json> resumed = table(store, parts, "pattern_accuracy");
        QCOMPARE(resumed.size(), rows.size());
        QVERIFY2(resumed[0].value("marker", false), "the first chunk was not evaluated again");
        resumed[0].erase("marker");
        QVERIFY(resumed == rows);
        QVERIFY(table(store, parts, "eval_summary").at(0) == summary);
    }

    void badModelFolderFailsTheRunWithTheFileNamed() {
        StageRegistry stages;
        registerBuiltinStages(stages);
        ProjectStore store = ProjectStore::create(testing::pathIn(dir_, "bad.redit"));
        const std::int64_t run = submitRun(store, stages, {{"kind", "eval"}, {"params", {{"model", "missing"}, {"data", kData}}}});
        CancelToken none;
        QCOMPARE(executeRun(store, stages, run, none), RunStatus::Failed);
        QVERIFY2(QString::fromStdString(loadRun(store, run).error).contains("missing"), loadRun(store, run).error.c_str());
        QVERIFY_THROWS_EXCEPTION(ConfigError, submitRun(store, stages, {{"kind", "eval"}, {"params", {{"data", kData}}}}));
        QVERIFY_THROWS_EXCEPTION(ConfigError,
                                 submitRun(store, stages, {{"kind", "eval"}, {"params", {{"model", "m"}, {"data", kData}, {"instances", "some"}}}}));
    }
};

QTEST_GUILESS_MAIN(TestEvalStage)
#include "test_eval_stage.moc"
