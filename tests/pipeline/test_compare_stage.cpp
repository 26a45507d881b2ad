#include <QtTest>

#include <algorithm>

#include "jobs/job_runner.h"
#include "jobs/run_request.h"
#include "jobs/stage_registry.h"
#include "model/model_folder.h"
#include "stages/builtin_stages.h"
#include "stages/compare_chunk_processes.h"
#include "stages/compare_stage.h"
#include "results/edit_records.h"
#include "pipeline_fixture.h"
#include "store/checkpoints.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "temp_dir.h"
#include "util/error.h"

using namespace redit;
using namespace redit::pipeline;
using namespace redit::results;
using namespace redit::stages;

// The "compare" stage through the job engine: chunks, cancellation, resume, the key-matrix cache.
class TestCompareStage : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    testing::TinyPipelineModel tiny = testing::tinyPipelineModel();
    StageRegistry stages;
    int reshapes = 0;

    nlohmann::json request(const nlohmann::json& methods) const {
        return {{"kind", "compare"},
                {"params",
                 {{"model", testing::pathIn(dir, "model")}, {"data", testing::kTinyDataSpec}, {"seeds", {0, 1}},
                  {"methods", methods}, {"transfer_patterns", 1}, {"lora_steps", 2}, {"lora_rank", 2},
                  {"edit_layer", 1}, {"value_steps", 2}, {"key_data", testing::kTinyDataSpec}}}};
    }

    static std::vector<std::string> rowTexts(const ProjectStore& store, int64_t run, const char* table) {
        std::vector<std::string> texts;
        for (const ResultRow& r : resultRows(store, run, table)) texts.push_back(r.data.dump());
        return texts;
    }

    // Registers "compare" with `execution`, for runs of methods that do not reshape.
    static void registerCompareStageWithoutReshaping(StageRegistry& registry, CompareExecution execution) {
        registerCompareStage(registry, [](const Tokenizer&, const nlohmann::json&, const std::function<void(const std::string&)>&) {
            return Reshaper();
        }, std::move(execution));
    }

    static bool logHas(const ProjectStore& store, int64_t run, const std::string& text) {
        for (const LogLine& line : runLog(store, run))
            if (line.message.find(text) != std::string::npos) return true;
        return false;
    }

private slots:
    void initTestCase() {
        QVERIFY(dir.isValid());
        saveModelFolder(testing::pathIn(dir, "model"), *tiny.model, tiny.tokenizerJson);
        // A simple stand-in for the reshaping: the final norm scaled by 1.5 (a real change of the model).
        registerCompareStage(stages, [this](const Tokenizer&, const nlohmann::json& params,
                                            const std::function<void(const std::string&)>&) -> Reshaper {
            if (!params.empty()) throw ConfigError("unknown reshape option '" + params.begin().key() + "'");
            return [this](const DecoderModel& base, const std::vector<data::Pattern>&, const data::SplitOptions&,
                          EditMethod, uint64_t, const std::function<bool()>&, const std::function<void(double)>&) {
                ++reshapes;
                auto m = std::make_shared<DecoderModel>(base);
                m->weights().finalNorm = base.weights().finalNorm * 1.5;
                return std::shared_ptr<const DecoderModel>(m);
            };
        });
    }

    void resumeAfterCancelSkipsFinishedChunksAndGivesIdenticalRows() {
        const nlohmann::json methods = {"Raw", "LoRA", "REdit"};
        ProjectStore reference = ProjectStore::create(testing::pathIn(dir, "reference.redit"));
        const int64_t whole = submitRun(reference, stages, request(methods));
        CancelToken none;
        QCOMPARE(executeRun(reference, stages, whole, none), RunStatus::Finished);
        QCOMPARE(int(resultRows(reference, whole, kEditOutcomesTable).size()), 2 * 3 * 4);  // seeds x methods x patterns
        QCOMPARE(reshapes, 2);  // once per (seed, variant), not per pattern

        ProjectStore store = ProjectStore::create(testing::pathIn(dir, "cancelled.redit"));
        const int64_t run = submitRun(store, stages, request(methods));
        CancelToken token;
        const std::string stopAt = compareChunkName(1, 1, EditMethod::Lora);  // seed 1's LoRA: 4 chunks are done
        const RunStatus first = executeRun(store, stages, run, token, [&](int64_t, const Progress& p) {
            if (p.message == stopAt) token.cancel();
        });
        QCOMPARE(first, RunStatus::Cancelled);
        QCOMPARE(int(resultRows(store, run, kEditOutcomesTable).size()), 4 * 4);
        QVERIFY(loadCheckpoint(store, run, compareChunkName(1, 1, EditMethod::Raw)).has_value());
        QVERIFY(!loadCheckpoint(store, run, stopAt).has_value());
        QVERIFY(resultRows(store, run, kEditSummaryTable).empty());

        reshapes = 0;
        CancelToken again;
        QCOMPARE(executeRun(store, stages, run, again), RunStatus::Finished);
        QCOMPARE(reshapes, 1);  // only seed 1's REdit chunk was left to do
        QVERIFY(logHas(store, run, compareChunkName(1, 0, EditMethod::Redit) + ": already done, skipped"));
        QVERIFY(!logHas(store, run, compareChunkName(1, 1, EditMethod::Redit) + ": already done"));
        QCOMPARE(rowTexts(store, run, kEditOutcomesTable), rowTexts(reference, whole, kEditOutcomesTable));
        QCOMPARE(rowTexts(store, run, kEditSummaryTable), rowTexts(reference, whole, kEditSummaryTable));
        // Raw, LoRA and REdit, transfer false and true, one level.
        QCOMPARE(int(resultRows(store, run, kEditSummaryTable).size()), 6);
    }

    void keyMatricesAreComputedOnceAndCached() {
        ProjectStore store = ProjectStore::create(testing::pathIn(dir, "cache.redit"));
        CancelToken token;
        const int64_t a = submitRun(store, stages, request({"ROME", "AlphaEdit"}));
        QCOMPARE(executeRun(store, stages, a, token), RunStatus::Finished);
        // ROME and AlphaEdit edit the same layer: one matrix, computed once, read back by the other and seed 1.
        QVERIFY(logHas(store, a, "key second moment of layer 1: computed and cached"));
        QVERIFY(logHas(store, a, "key second moment of layer 1: from the project's cache"));
        QVERIFY(logHas(store, a, "AlphaEdit at layer 1: a null space of "));
        const int64_t b = submitRun(store, stages, request({"ROME", "AlphaEdit"}));
        QCOMPARE(executeRun(store, stages, b, token), RunStatus::Finished);
        QVERIFY(!logHas(store, b, "computed and cached"));
        QCOMPARE(rowTexts(store, b, kEditOutcomesTable), rowTexts(store, a, kEditOutcomesTable));
    }

    void anEmptyNullSpaceIsAWarning() {
        ProjectStore store = ProjectStore::create(testing::pathIn(dir, "no-null-space.redit"));
        nlohmann::json r = request({"AlphaEdit"});
        r["params"]["seeds"] = {0};
        r["params"]["null_space_threshold"] = 0.0;  // the tiny model's keys span every dimension
        const int64_t run = submitRun(store, stages, r);
        CancelToken token;
        QCOMPARE(executeRun(store, stages, run, token), RunStatus::Finished);
        bool warned = false;
        for (const LogLine& line : runLog(store, run))
            warned |= line.level == "warning" &&
                      line.message.find("AlphaEdit at layer 1: a null space of 0 of ") != std::string::npos &&
                      line.message.find("AlphaEdit changes nothing; raise null_space_threshold") != std::string::npos;
        QVERIFY(warned);
    }

    // A stand-in for `redit compare-chunk`: a shell script that prints `output` and then runs `ending`.
    std::string fakeChunkProgram(const QString& name, const QString& output, const QString& ending) const {
        const QString path = dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) return {};
        file.write(QString("#!/bin/sh\necho '%1' >&2\n%2\n").arg(output, ending).toUtf8());
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        return path.toStdString();
    }

    // The chunk farm's fallback: when every chunk process dies (here killed, as the kernel's OOM killer
    // would), the job names each failure in the run's log, keeps its output, and runs the chunks itself to the
    // same rows.
    void chunksWhoseProcessDiesAreRunByTheJob() {
        const std::string killed = fakeChunkProgram("killed.sh", "loading", "kill -9 $$");
        StageRegistry farmed;
        registerCompareStageWithoutReshaping(farmed, CompareExecution{chunkProcesses({killed, 2, 1}), {}, {}});
        ProjectStore store = ProjectStore::create(testing::pathIn(dir, "farmed.redit"));
        CancelToken token;
        const int64_t run = submitRun(store, farmed, request({"Raw", "LoRA"}));
        QCOMPARE(executeRun(store, farmed, run, token), RunStatus::Finished);
        QVERIFY(logHas(store, run, "level 1 seed 1 LoRA: its process ended with status 137 (output in "));
        QVERIFY(logHas(store, run, "level 1 seed 0 Raw: generality"));
        QVERIFY(QFileInfo::exists(QString::fromStdString(testing::pathIn(dir, "farmed.redit.logs/run-1-level-1-seed-1-LoRA.log"))));

        ProjectStore reference = ProjectStore::create(testing::pathIn(dir, "in-turn.redit"));
        const int64_t same = submitRun(reference, stages, request({"Raw", "LoRA"}));
        QCOMPARE(executeRun(reference, stages, same, token), RunStatus::Finished);
        QCOMPARE(rowTexts(store, run, kEditOutcomesTable), rowTexts(reference, same, kEditOutcomesTable));
    }

    // While chunk processes run, the run's progress names each with the fraction its last progress line gave
    // and counts those parts in the run's fraction.
    void runningChunksShowTheirProgress() {
        const std::string halfway = fakeChunkProgram("halfway.sh", "loading", "echo 'chunk progress 0.5'; sleep 3; kill -9 $$");
        StageRegistry farmed;
        registerCompareStageWithoutReshaping(farmed, CompareExecution{chunkProcesses({halfway, 2, 1}), {}, {}});
        ProjectStore store = ProjectStore::create(testing::pathIn(dir, "halfway.redit"));
        CancelToken token;
        std::vector<Progress> seen;
        const int64_t run = submitRun(store, farmed, request({"Raw", "LoRA"}));
        QCOMPARE(executeRun(store, farmed, run, token, [&](int64_t, const Progress& p) { seen.push_back(p); }),
                 RunStatus::Finished);
        const auto both = std::find_if(seen.begin(), seen.end(), [](const Progress& p) {
            const QString message = QString::fromStdString(p.message);
            return message.startsWith("0 of 4 chunks done; running: ") && message.count("(50%)") == 2;
        });
        QVERIFY2(both != seen.end(), seen.empty() ? "no progress" : seen.back().message.c_str());
        QCOMPARE(both->fraction, 0.25);  // two of four chunks half done
    }

    // The child's side: a run of one chunk tells chunkProgress how far the chunk is (one step per pattern).
    void aChunkAloneReportsItsOwnProgress() {
        std::vector<double> fractions;
        StageRegistry child;
        registerCompareStageWithoutReshaping(child, CompareExecution{{}, compareChunkName(1, 1, EditMethod::Lora), [&](double f) { fractions.push_back(f); }});
        ProjectStore store = ProjectStore::create(testing::pathIn(dir, "alone.redit"));
        CancelToken token;
        const int64_t run = submitRun(store, child, request({"Raw", "LoRA"}));
        QCOMPARE(executeRun(store, child, run, token), RunStatus::Finished);
        QVERIFY(!fractions.empty());
        for (std::size_t i = 0; i < fractions.size(); ++i)
            QCOMPARE(fractions[i], double(i + 1) / double(fractions.size()));
        QCOMPARE(int(resultRows(store, run, kEditOutcomesTable).size()), int(fractions.size()));  // a row per pattern
    }

    // A child that fails on its inputs (`redit` ends with status 1 on a config, data or file error) would fail
    // the same way in the job: the run fails at once with the child's message instead of repeating the chunk.
    void aChunkThatFailsOnItsInputsFailsTheRun() {
        const std::string refusing = fakeChunkProgram("refusing.sh", "error: reshaping needs pairs of two patterns", "exit 1");
        StageRegistry farmed;
        registerCompareStageWithoutReshaping(farmed, CompareExecution{chunkProcesses({refusing, 2, 1}), {}, {}});
        ProjectStore store = ProjectStore::create(testing::pathIn(dir, "refused.redit"));
        CancelToken token;
        const int64_t run = submitRun(store, farmed, request({"Raw", "LoRA"}));
        QCOMPARE(executeRun(store, farmed, run, token), RunStatus::Failed);
        const std::string error = loadRun(store, run).error;
        QVERIFY2(error.find(": reshaping needs pairs of two patterns (output in ") != std::string::npos, error.c_str());
        QVERIFY(!logHas(store, run, "Raw: generality"));  // the job ran no chunk itself
        QVERIFY(resultRows(store, run, kEditOutcomesTable).empty());
    }

    // The workbench's farm asks for its options at each run: one process hands nothing out.
    void aFarmConfiguredForOneProcessLeavesTheChunksToTheJob() {
        const std::string killed = fakeChunkProgram("killed-configured.sh", "loading", "kill -9 $$");
        int processes = 1;
        StageRegistry farmed;
        registerCompareStageWithoutReshaping(farmed, CompareExecution{chunkProcessesAsConfigured([&] { return ChunkProcessOptions{killed, processes, 1}; }), {}, {}});
        ProjectStore store = ProjectStore::create(testing::pathIn(dir, "configured.redit"));
        CancelToken token;
        const int64_t inTurn = submitRun(store, farmed, request({"Raw", "LoRA"}));
        QCOMPARE(executeRun(store, farmed, inTurn, token), RunStatus::Finished);
        QVERIFY(!logHas(store, inTurn, "its process ended"));  // no process was started
        processes = 2;  // changed between runs: the next run hands its chunks out
        const int64_t handedOut = submitRun(store, farmed, request({"Raw", "LoRA"}));
        QCOMPARE(executeRun(store, farmed, handedOut, token), RunStatus::Finished);
        QVERIFY(logHas(store, handedOut, "level 1 seed 1 LoRA: its process ended with status 137"));
        QCOMPARE(rowTexts(store, inTurn, kEditOutcomesTable), rowTexts(store, handedOut, kEditOutcomesTable));
    }

    // The workbench's registration: with the setting at two processes, the chunks run in real `redit
    // compare-chunk` processes and commit the rows a run in turn commits.
    void builtinStagesHandChunksToRealProcesses() {
        StageRegistry workbench;
        registerBuiltinStages(workbench, [] { return ChunkProcessOptions{REDIT_CLI, 2, 1}; });
        ProjectStore store = ProjectStore::create(testing::pathIn(dir, "workbench.redit"));
        CancelToken token;
        bool sideBySide = false;
        const int64_t run = submitRun(store, workbench, request({"Raw", "LoRA"}));
        QCOMPARE(executeRun(store, workbench, run, token, [&](int64_t, const Progress& p) {
                     sideBySide = sideBySide || p.message.find("chunks done; running: ") != std::string::npos;
                 }),
                 RunStatus::Finished);
        QVERIFY(sideBySide);
        QVERIFY(!logHas(store, run, "its process ended"));
        ProjectStore reference = ProjectStore::create(testing::pathIn(dir, "workbench-in-turn.redit"));
        const int64_t same = submitRun(reference, stages, request({"Raw", "LoRA"}));
        QCOMPARE(executeRun(reference, stages, same, token), RunStatus::Finished);
        auto sorted = [](std::vector<std::string> rows) { std::sort(rows.begin(), rows.end()); return rows; };
        QCOMPARE(sorted(rowTexts(store, run, kEditOutcomesTable)), sorted(rowTexts(reference, same, kEditOutcomesTable)));
    }

    void badParamsAreConfigErrors() {
        ProjectStore store = ProjectStore::create(testing::pathIn(dir, "bad.redit"));
        nlohmann::json r = request({"LoRA", "Magic"});
        CancelToken token;
        const int64_t run = submitRun(store, stages, r);
        QCOMPARE(executeRun(store, stages, run, token), RunStatus::Failed);
        QVERIFY(loadRun(store, run).error.find("unknown edit method 'Magic'") != std::string::npos);
        r = request({"REdit"});
        r["params"]["reshape"] = {{"colour", 1}};
        const int64_t run2 = submitRun(store, stages, r);
        QCOMPARE(executeRun(store, stages, run2, token), RunStatus::Failed);
        QVERIFY(loadRun(store, run2).error.find("unknown reshape option 'colour'") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestCompareStage)
#include "test_compare_stage.moc"
