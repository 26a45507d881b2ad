#include <QProcess>
#include <QtTest>
#include <torch/version.h>

#include "model/model_folder.h"
#include "results/edit_records.h"
#include "cli_process.h"
#include "pipeline_fixture.h"
#include "store/project_store.h"
#include <SQLiteCpp/SQLiteCpp.h>
#include "store/results.h"
#include "store/runs.h"
#include "temp_dir.h"
#include "util/exit_status.h"
#include "util/json_file.h"

using namespace redit;
using namespace redit::results;

// `redit pipeline` end to end on a tiny model, every method with the real reshaping (a few steps).
class TestPipelineCli : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    testing::TinyPipelineModel tiny = testing::tinyPipelineModel();

    static testing::CliResult redit(const QStringList& arguments) { return testing::runRedit(arguments); }

    QStringList arguments(const std::string& config) const {
        return {"pipeline", "--config", QString::fromStdString(testing::pathIn(dir, config)), "--project",
                QString::fromStdString(testing::pathIn(dir, "out.redit")), "--markdown",
                QString::fromStdString(testing::pathIn(dir, "tables.md")), "--threads", "1"};
    }

private slots:
    void initTestCase() {
        QVERIFY(dir.isValid());
        saveModelFolder(testing::pathIn(dir, "model"), *tiny.model, tiny.tokenizerJson);
        const nlohmann::json config = {
            {"model", testing::pathIn(dir, "model")},
            {"levels", {{{"level", 1}, {"data", testing::kTinyDataSpec}}, {{"level", 2}, {"data", testing::kTinyDataSpec}}}},
            {"seeds", {0, 1}},
            {"transfer_patterns", 1},
            {"lora", {{"steps", 2}, {"rank", 2}}},
            {"locate_edit", {{"layer", 1}, {"value_steps", 2}, {"key_data", testing::kTinyDataSpec}}},
            {"reshape", {{"meta_iterations", 1}, {"anchors_per_task", 2}, {"negatives_per_anchor", 1}}}};
        writeJsonFile(testing::pathIn(dir, "pipeline.json"), config);
        nlohmann::json bad = config;
        bad["lora"]["stepz"] = 3;
        writeJsonFile(testing::pathIn(dir, "bad.json"), bad);
    }

    void runsEveryLevelAndPrintsTheTables() {
        const testing::CliResult r = redit(arguments("pipeline.json"));
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("run 1 (compare level 1): finished"));
        QVERIFY(r.out.contains("run 2 (compare level 2): finished"));
        QVERIFY(r.out.contains("| Method | L1 Generality | L1 Locality | L2 Generality | L2 Locality |"));
        QVERIFY(r.out.contains("### Ablations"));
        QVERIFY(r.out.contains("| REdit w/o prediction preservation |"));
        QFile md(QString::fromStdString(testing::pathIn(dir, "tables.md")));
        QVERIFY(md.open(QIODevice::ReadOnly));
        QVERIFY(r.out.contains(QString::fromUtf8(md.readAll())));

        ProjectStore store = ProjectStore::open(testing::pathIn(dir, "out.redit"), ProjectStore::Mode::ReadOnly);
        // 8 methods x 2 seeds x 4 patterns per level; summaries: 8 methods x {reshaped, transfer}.
        QCOMPARE(int(resultRows(store, 1, kEditOutcomesTable).size()), 64);
        QCOMPARE(int(resultRows(store, 2, kEditSummaryTable).size()), 16);
        QCOMPARE(resultRows(store, 2, kEditOutcomesTable).front().data.at("level").get<int>(), 2);
        // Provenance: both runs name the model and the dataset (one spec for both levels here).
        const RunRecord level1 = loadRun(store, 1), level2 = loadRun(store, 2);
        QVERIFY(level1.modelId && level2.modelId);
        QCOMPARE(*level1.modelId, *level2.modelId);
        QVERIFY(level1.datasetId && level2.datasetId);
        QCOMPARE(*level1.datasetId, *level2.datasetId);
        QCOMPARE(level1.libraryVersions.at("torch").get<std::string>(), std::string(TORCH_VERSION));
        // Each reshaping says how far it moved the trained weights, and it moved them.
        int reshapings = 0;
        const QRegularExpression moved("REdit seed 0: reshaped on .* trained weights moved ([0-9.e+-]+) of their norm");
        for (const LogLine& entry : runLog(store, 1)) {
            const QRegularExpressionMatch m = moved.match(QString::fromStdString(entry.message));
            if (!m.hasMatch()) continue;
            ++reshapings;
            QVERIFY2(m.captured(1).toDouble() > 0, qPrintable(m.captured(0)));
        }
        QCOMPARE(reshapings, 1);
        // Every reshaping (four methods reshape, at two seeds) ends with the answer-position check.
        int checks = 0;
        const QRegularExpression check("^after reshaping: on [1-9][0-9]* preserve prompts a candidate answer is the most likely next token in");
        for (const LogLine& entry : runLog(store, 1)) checks += check.match(QString::fromStdString(entry.message)).hasMatch();
        QCOMPARE(checks, 8);
    }

    void aSecondRunSkipsWhatIsDone() {
        const testing::CliResult r = redit(arguments("pipeline.json"));
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("run 1 (compare level 1): already finished, skipped"));
        QVERIFY(r.out.contains("run 2 (compare level 2): already finished, skipped"));
        ProjectStore store = ProjectStore::open(testing::pathIn(dir, "out.redit"), ProjectStore::Mode::ReadOnly);
        QCOMPARE(int(listRuns(store).size()), 2);
    }

    // A project from before a compare param existed: its finished runs still count as done (their params
    // are read with today's defaults), so a new version does not run a finished comparison again.
    void aRunRecordedBeforeAParamExistedIsStillFound() {
        {
            ProjectStore store = ProjectStore::open(testing::pathIn(dir, "out.redit"));
            nlohmann::json config = loadRun(store, 1).config;
            QVERIFY(config.at("params").contains("keep_reshaped"));
            config["params"].erase("keep_reshaped");
            // A finished run's config is frozen by a trigger; lifted here to write what an older version wrote.
            const std::string trigger =
                store.db().execAndGet("SELECT sql FROM sqlite_master WHERE name = 'runs_config_frozen'").getString();
            store.db().exec("DROP TRIGGER runs_config_frozen");
            SQLite::Statement s(store.db(), "UPDATE runs SET config = ? WHERE id = 1");
            s.bind(1, config.dump());
            s.exec();
            store.db().exec(trigger);
        }
        const testing::CliResult r = redit(arguments("pipeline.json"));
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("run 1 (compare level 1): already finished, skipped"), qPrintable(r.out));
        ProjectStore store = ProjectStore::open(testing::pathIn(dir, "out.redit"), ProjectStore::Mode::ReadOnly);
        QCOMPARE(int(listRuns(store).size()), 2);
    }

    // keep_reshaped_models saves each reshaped model as a folder that loads on its own, and records the
    // reshaped model's own accuracy in the rows of the methods that reshape.
    void reshapedModelsAreKeptWhenAsked() {
        nlohmann::json config = readJsonFile(testing::pathIn(dir, "pipeline.json"));
        config["levels"] = {{{"level", 1}, {"data", testing::kTinyDataSpec}}};
        config["seeds"] = {1};
        config["methods"] = {"LoRA", "REdit w/o meta-learning"};
        config["keep_reshaped_models"] = true;
        writeJsonFile(testing::pathIn(dir, "keep.json"), config);
        QStringList args = arguments("keep.json");
        args[4] = QString::fromStdString(testing::pathIn(dir, "keep.redit"));
        const testing::CliResult r = redit(args);
        QCOMPARE(r.code, 0);
        const std::string folder = testing::pathIn(dir, "reshaped/run-1-level1-seed1-REdit-w-o-meta-learning");
        const LoadedModel reshaped = loadModel(folder);
        QCOMPARE(reshaped.tokenizer.encode("True"), tiny.tokenizer.encode("True"));
        ProjectStore store = ProjectStore::open(testing::pathIn(dir, "keep.redit"), ProjectStore::Mode::ReadOnly);
        for (const EditOutcomeRow& row : loadEditOutcomes(store, 1))
            QCOMPARE(bool(row.reshaped), row.method != EditMethod::Lora);
        QVERIFY(!QDir(QString::fromStdString(testing::pathIn(dir, "reshaped/run-1-level1-seed1-LoRA"))).exists());
    }

    // Chunks run side by side in child processes commit the same rows as one process running them in turn.
    void sideBySideProcessesCommitTheSameRows() {
        QStringList args = arguments("pipeline.json");
        args[4] = QString::fromStdString(testing::pathIn(dir, "parallel.redit"));
        args << "--processes" << "2";
        const testing::CliResult r = redit(args);
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("run 2 (compare level 2): finished"));
        QVERIFY(!QFileInfo::exists(QString::fromStdString(testing::pathIn(dir, "parallel.redit.logs"))));

        ProjectStore one = ProjectStore::open(testing::pathIn(dir, "out.redit"), ProjectStore::Mode::ReadOnly);
        ProjectStore two = ProjectStore::open(testing::pathIn(dir, "parallel.redit"), ProjectStore::Mode::ReadOnly);
        for (int64_t run : {1, 2}) {
            auto sorted = [run](const ProjectStore& store) {
                std::vector<std::string> rows;
                for (const ResultRow& row : resultRows(store, run, kEditOutcomesTable)) rows.push_back(row.data.dump());
                std::sort(rows.begin(), rows.end());
                return rows;
            };
            const std::vector<std::string> inTurn = sorted(one), sideBySide = sorted(two);
            QCOMPARE(int(sideBySide.size()), 64);  // each chunk once
            QVERIFY(inTurn == sideBySide);
            QCOMPARE(resultRows(two, run, kEditSummaryTable).size(), resultRows(one, run, kEditSummaryTable).size());
        }
        // The children wrote their chunks' lines into the run's log.
        bool logged = false;
        for (const LogLine& entry : runLog(two, 1)) logged = logged || QString::fromStdString(entry.message).startsWith("level 1 seed 1 REdit:");
        QVERIFY(logged);
    }

    void aChunkProcessNamesAMissingChunk() {
        const testing::CliResult r =
            redit({"compare-chunk", "--project", QString::fromStdString(testing::pathIn(dir, "out.redit")), "--run", "1",
                   "--chunk", "level 9 seed 0 LoRA", "--parent", QString::number(QCoreApplication::applicationPid())});
        QCOMPARE(r.code, kExitInputError);  // the status on which the parent fails the run instead of repeating it
        QVERIFY(r.err.contains("run 1 has no chunk 'level 9 seed 0 LoRA'"));
    }

    void badConfigNamesTheKey() {
        const testing::CliResult r = redit(arguments("bad.json"));
        QVERIFY(r.code != 0);
        QVERIFY(r.err.contains("unknown key 'lora.stepz'"));
    }
};

QTEST_GUILESS_MAIN(TestPipelineCli)
#include "test_pipeline_cli.moc"
