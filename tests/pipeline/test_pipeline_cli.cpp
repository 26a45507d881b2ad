#include <QProcess>
#include <QtTest>

#include "model/model_folder.h"
#include "results/edit_records.h"
#include "cli_process.h"
#include "pipeline_fixture.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "temp_dir.h"
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
    }

    void aSecondRunSkipsWhatIsDone() {
        const testing::CliResult r = redit(arguments("pipeline.json"));
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("run 1 (compare level 1): already finished, skipped"));
        QVERIFY(r.out.contains("run 2 (compare level 2): already finished, skipped"));
        ProjectStore store = ProjectStore::open(testing::pathIn(dir, "out.redit"), ProjectStore::Mode::ReadOnly);
        QCOMPARE(int(listRuns(store).size()), 2);
    }

    void badConfigNamesTheKey() {
        const testing::CliResult r = redit(arguments("bad.json"));
        QVERIFY(r.code != 0);
        QVERIFY(r.err.contains("unknown key 'lora.stepz'"));
    }
};

QTEST_GUILESS_MAIN(TestPipelineCli)
#include "test_pipeline_cli.moc"
