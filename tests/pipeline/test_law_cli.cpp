#include <QProcess>
#include <QtTest>
#include <cmath>

#include "circuits/circuit_export.h"
#include "model/model_folder.h"
#include "results/law_records.h"
#include "results/run_records.h"
#include "store/runs.h"
#include "cli_process.h"
#include "pipeline_fixture.h"
#include "store/project_store.h"
#include "temp_dir.h"
#include "util/json_file.h"

using namespace redit;
using namespace redit::results;

// The law pipeline through the `redit` executable on a small project.
class TestLawCli : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    testing::TinyPipelineModel tiny = testing::tinyPipelineModel();
    std::string project;

    static testing::CliResult redit(const QStringList& arguments) { return testing::runRedit(arguments); }

    static QString readText(const std::string& path) {
        QFile file(QString::fromStdString(path));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }
    static int lines(const std::string& path) { return int(readText(path).count('\n')); }

private slots:
    void initTestCase() {
        QVERIFY(dir.isValid());
        saveModelFolder(testing::pathIn(dir, "model"), *tiny.model, tiny.tokenizerJson);
        project = testing::pathIn(dir, "law.redit");
    }

    void circuitsAreFoundAndSaved() {
        testing::CliResult r = redit({"circuits", "--project", QString::fromStdString(project), "--model",
                          QString::fromStdString(testing::pathIn(dir, "model")), "--data", testing::kTinyDataSpec,
                          "--pairs", "4", "--threads", "1"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("circuits run 1: 3 patterns"));
        for (const data::Pattern& p : tiny.patterns) QVERIFY(r.out.contains(QString::fromStdString(p.id)));
        QVERIFY(r.out.contains("no circuit for sd1-00"));
    }

    void distancesPrintTheSummary() {
        testing::CliResult r = redit({"distances", "--project", QString::fromStdString(project), "--budgets", "0.2,0.5"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("same-pattern mean"));
        QVERIFY(r.out.contains("ot_layers"));
        QVERIFY(r.out.contains("48 distances"));  // 2 budgets x 4 metrics x (3 pairs + 3 halves)
    }

    void circuitExportWritesEveryFormat() {
        const QString pattern = QString::fromStdString(tiny.patterns[1].id);
        const CircuitGraph graph(GraphShape::of(tiny.model->config()));
        for (const QString format : {"json", "dot", "matrix"}) {
            const std::string out = testing::pathIn(dir, "circuit." + format.toStdString());
            testing::CliResult r = redit({"circuit", "export", "--project", QString::fromStdString(project), "--pattern", pattern,
                              "--format", format, "--out", QString::fromStdString(out), "--budget", "0.3"});
            QCOMPARE(r.code, 0);
            if (format == "json") {
                const Circuit circuit = circuitFromJson(graph, readJsonFile(out), out);
                QVERIFY(circuit.size() > 0 && int64_t(circuit.size()) <= int64_t(std::ceil(0.3 * double(graph.edgeCount()))));
            }
            if (format == "dot") QVERIFY(readText(out).startsWith("digraph"));
            if (format == "matrix") QCOMPARE(lines(out), int(graph.upstreamCount() + 1));
        }
        testing::CliResult missing = redit({"circuit", "export", "--project", QString::fromStdString(project), "--pattern", "zz",
                                "--out", QString::fromStdString(testing::pathIn(dir, "x"))});
        QCOMPARE(missing.code, 1);
        QVERIFY(missing.err.contains("no pattern 'zz'"));
    }

    void interferenceEditsEachPatternWithLora() {
        testing::CliResult r = redit({"interference", "--project", QString::fromStdString(project), "--steps", "2", "--rank", "2"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("base accuracy"));
        QVERIFY(r.out.contains("interference run"));
        ProjectStore store = ProjectStore::open(project, ProjectStore::Mode::ReadOnly);
        const RunRecord run = loadRun(store, latestFinishedRun(store, "interference", "interference"));
        // A run of the interference stage: the flags are its params, the rest its defaults (the GUI's too).
        QCOMPARE(run.kind, std::string("interference"));
        const nlohmann::json& params = run.config.at("params");
        QCOMPARE(params.at("lora_steps").get<int64_t>(), int64_t(2));
        QCOMPARE(params.at("lora_rank").get<int64_t>(), int64_t(2));
        QCOMPARE(params.at("lora_lr").get<double>(), 1e-2);
        QVERIFY(run.modelId.has_value());  // the run-model loader records the model
        QCOMPARE(loadInterferenceRun(store, run.id).patterns.size(), tiny.patterns.size());
    }

    void interferenceLoraLayersAreStoredAndChecked() {
        // A copy of the project, so the runs made here do not become the newest runs the other cases read.
        const std::string copy = testing::pathIn(dir, "layers.redit");
        QVERIFY(QFile::copy(QString::fromStdString(project), QString::fromStdString(copy)));
        testing::CliResult r = redit({"interference", "--project", QString::fromStdString(copy), "--steps", "1", "--rank",
                                      "2", "--lora-layers", "1"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        {
            ProjectStore store = ProjectStore::open(copy, ProjectStore::Mode::ReadOnly);
            const RunRecord run = loadRun(store, latestFinishedRun(store, "interference", "interference"));
            QCOMPARE(run.config.at("params").at("lora_layers"), nlohmann::json::array({1}));
            QVERIFY(run.config.at("params").at("lora_layers").at(0).is_number_integer());  // stored as 1, not 1.0
        }
        testing::CliResult outside = redit({"interference", "--project", QString::fromStdString(copy), "--steps", "1",
                                            "--lora-layers", "99"});
        QVERIFY(outside.code != 0);
        QVERIFY2(outside.err.contains("LoRA layer 99 is out of range"), qPrintable(outside.err));
        testing::CliResult fraction = redit({"interference", "--project", QString::fromStdString(copy), "--steps", "1",
                                             "--lora-layers", "0.5"});
        QVERIFY(fraction.code != 0);
        QVERIFY2(fraction.err.contains("'lora_layers' must list decoder layer numbers"), qPrintable(fraction.err));
    }

    void lawPrintsTheTableAndWritesCsv() {
        {  // The interference run a LoRA editor would make, with chosen accuracies.
            ProjectStore store = ProjectStore::open(project);
            InterferenceResult result;
            for (const data::Pattern& p : tiny.patterns) result.patterns.push_back(p.id);
            result.baseAccuracy = {0.6, 0.9, 0.8, 0.7};  // sd1-00 first: it has no circuit, the law skips it
            result.editedAccuracy = {{0.9, 0.1, 0.1, 0.1}, {0.6, 0.95, 0.5, 0.6}, {0.6, 0.7, 1.0, 0.4}, {0.6, 0.8, 0.3, 0.9}};
            saveInterferenceRun(store, NewRun{}, result);
        }
        testing::CliResult r = redit({"law", "--project", QString::fromStdString(project)});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("reference-figure options: none"));
        QVERIFY(r.out.contains("cross+same-pattern"));
        QVERIFY(r.out.contains("95% CI"));
        const std::string csv = testing::pathIn(dir, "law.law.csv");
        QCOMPARE(lines(csv), 1 + 4 * 2 * 2);  // header, metrics x budgets x point sets
        // sd1-00 has no circuit: 3 x 2 directed cross-pattern points, plus 3 same-pattern ones.
        QVERIFY(readText(csv).contains("jaccard,0.2,cross-pattern,none,6,"));
        QVERIFY(readText(csv).contains("jaccard,0.2,cross+same-pattern,none,9,"));

        const std::string filtered = testing::pathIn(dir, "filtered.csv");
        r = redit({"law", "--project", QString::fromStdString(project), "--reference-filter", "--window", "2", "--csv",
                   QString::fromStdString(filtered)});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("dropped Delta < 0.1; sliding window 2"));
        QVERIFY(readText(filtered).contains("dropped Delta < 0.1; sliding window 2"));
    }

    void laterStepsNameTheStepToRunFirst() {
        const std::string empty = testing::pathIn(dir, "empty.redit");
        ProjectStore::create(empty);
        testing::CliResult r = redit({"distances", "--project", QString::fromStdString(empty)});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("redit circuits"));
    }
};

QTEST_GUILESS_MAIN(TestLawCli)
#include "test_law_cli.moc"
