#include <QtTest>

#include <SQLiteCpp/Database.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <sstream>

#include "store/analysis.h"
#include "store/artifacts.h"
#include "store/circuits.h"
#include "store/float_blob.h"
#include "store/metrics.h"
#include "store/models.h"
#include "store/project_export.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "store/schema.h"
#include "temp_dir.h"
#include "util/error.h"

using namespace redit;

class TestProjectStore : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string path(const std::string& name) const { return testing::pathIn(dir_, name); }

    static std::int64_t finishedRun(ProjectStore& store) {
        std::int64_t id = createRun(store, {"eval", "r", {{"params", {{"n", 1}}}}, 7, "cpu", {}, {}, {}});
        setRunStatus(store, id, RunStatus::Running);
        setRunStatus(store, id, RunStatus::Finished);
        return id;
    }

private slots:
    void createdFileIsARecognisedProject() {
        std::string p = path("new.redit");
        { ProjectStore store = ProjectStore::create(p); }
        SQLite::Database raw(p);
        QCOMPARE(raw.execAndGet("PRAGMA application_id").getInt(), store::kApplicationId);
        QCOMPARE(raw.execAndGet("PRAGMA user_version").getInt(), store::kSchemaVersion);
        QCOMPARE(raw.execAndGet("PRAGMA journal_mode").getString(), std::string("wal"));
        QVERIFY_THROWS_EXCEPTION(FileError, ProjectStore::create(p));
    }

    void runCarriesFullProvenance() {
        ProjectStore store = ProjectStore::create(path("prov.redit"));
        std::int64_t model = addModel(store, {0, "qwen", "/m/qwen", {{"hidden_size", 2048}}, "sha256:aa"});
        QCOMPARE(addModel(store, {0, "qwen again", "/m/qwen", {}, "sha256:aa"}), model);  // same content: same row
        std::int64_t dataset = addDataset(store, {0, "level1", {{"files", {"a.json"}}}, "sha256:bb"});
        std::int64_t run = createRun(store, {"eval", "first", {{"params", {{"k", 3}}}}, 42, "cuda:0", model, dataset,
                                             {{"torch", "2.3.0"}}});
        RunRecord r = loadRun(store, run);
        QCOMPARE(r.status, RunStatus::Pending);
        QCOMPARE(r.seed, std::int64_t(42));
        QCOMPARE(r.device, std::string("cuda:0"));
        QCOMPARE(*r.modelId, model);
        QCOMPARE(*r.datasetId, dataset);
        QCOMPARE(r.config["params"]["k"].get<int>(), 3);
        QVERIFY(!r.codeVersion.empty());
        QCOMPARE(r.libraryVersions["torch"].get<std::string>(), std::string("2.3.0"));
        QVERIFY(r.libraryVersions.contains("sqlite"));
        QVERIFY(r.libraryVersions.contains("blas"));
        // A result row cannot point to a run that does not exist.
        QVERIFY_THROWS_EXCEPTION(SQLite::Exception, putResultRow(store, run + 100, "t", 0, {{"x", 1}}));
    }

    void finishedRunConfigIsFrozen() {
        ProjectStore store = ProjectStore::create(path("frozen.redit"));
        std::int64_t pending = createRun(store, {"eval", "p", {{"a", 1}}, 0, "cpu", {}, {}, {}});
        updateRunConfig(store, pending, {{"a", 2}});
        QCOMPARE(loadRun(store, pending).config["a"].get<int>(), 2);

        std::int64_t done = finishedRun(store);
        try {
            updateRunConfig(store, done, {{"params", {{"n", 2}}}});
            QFAIL("expected a ConfigError");
        } catch (const ConfigError& e) {
            QVERIFY(QString(e.what()).contains("frozen"));
        }
        // The schema enforces it too, whatever writes to the file.
        QVERIFY_THROWS_EXCEPTION(SQLite::Exception,
                                 store.db().exec("UPDATE runs SET config = '{}' WHERE id = " + std::to_string(done)));
        QCOMPARE(loadRun(store, done).config["params"]["n"].get<int>(), 1);
    }

    void float32BlobsAreLittleEndian() {
        // 1.0f is 0x3f800000; -2.5f is 0xc0200000.
        std::vector<unsigned char> bytes = encodeFloat32({1.0f, -2.5f});
        std::vector<unsigned char> expected = {0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x20, 0xc0};
        QCOMPARE(bytes, expected);
        QVERIFY_THROWS_EXCEPTION(FileError, decodeFloat32(bytes.data(), 7, 2, "p.redit", "circuit 1 scores"));
    }

    void circuitOf528kEdgesRoundTripsBitExactly() {
        ProjectStore store = ProjectStore::create(path("circuit.redit"));
        std::int64_t run = createRun(store, {"circuits", "", {}, 0, "cpu", {}, {}, {}});
        const std::int64_t edges = 528000;
        std::int64_t spec = addGraphSpec(store, {{"model", "qwen2.5-3b"}, {"nodes", 614}}, edges);
        QCOMPARE(addGraphSpec(store, {{"nodes", 614}, {"model", "qwen2.5-3b"}}, edges), spec);

        StoredCircuit c;
        c.runId = run;
        c.graphSpecId = spec;
        c.name = "pattern-3";
        std::mt19937 rng(5);
        std::normal_distribution<float> normal(0.0f, 1e-3f);
        for (std::int64_t i = 0; i < edges; ++i) c.scores.push_back(normal(rng));
        c.scores[0] = -0.0f;
        c.scores[1] = std::numeric_limits<float>::denorm_min();
        c.scores[2] = std::numeric_limits<float>::infinity();
        std::int64_t id = saveCircuit(store, c);

        ProjectStore reader = ProjectStore::open(store.path(), ProjectStore::Mode::ReadOnly);
        StoredCircuit back = loadCircuit(reader, id);
        QCOMPARE(back.name, c.name);
        QCOMPARE(back.scores.size(), c.scores.size());
        QVERIFY(std::memcmp(back.scores.data(), c.scores.data(), c.scores.size() * sizeof(float)) == 0);

        c.scores.pop_back();
        QVERIFY_THROWS_EXCEPTION(ConfigError, saveCircuit(store, c));
    }

    void interferenceAndDistancesRoundTrip() {
        ProjectStore store = ProjectStore::create(path("analysis.redit"));
        std::int64_t run = createRun(store, {"interference", "", {}, 0, "cpu", {}, {}, {}});
        std::int64_t spec = addGraphSpec(store, {{"toy", true}}, 2);
        std::int64_t a = saveCircuit(store, {0, run, spec, "a", {}, {1, 2}});
        std::int64_t b = saveCircuit(store, {0, run, spec, "b", {}, {3, 4}});
        saveDistances(store, run, {{a, b, "jaccard", 0.25}, {a, b, "wasserstein", 1.5}});
        auto distances = loadDistances(store, run);
        QCOMPARE(distances.size(), std::size_t(2));
        QCOMPARE(distances[1].value, 1.5);

        std::int64_t m = saveInterferenceMatrix(store, {0, run, "delta", {"p1", "p2"}, {"q1", "q2", "q3"},
                                                        {1, 2, 3, 4, 5, 6}});
        InterferenceMatrix back = loadInterferenceMatrix(store, m);
        QCOMPARE(back.columnLabels[2], std::string("q3"));
        QCOMPARE(back.values[5], 6.0f);
        QVERIFY_THROWS_EXCEPTION(ConfigError, saveInterferenceMatrix(store, {0, run, "bad", {"p"}, {"q"}, {1, 2}}));
    }

    void metricsResultsArtifactsAndExport() {
        ProjectStore store = ProjectStore::create(path("export.redit"));
        std::int64_t run = finishedRun(store);
        appendMetrics(store, run, 0, {{"loss", 2.0}, {"acc", 0.5}});
        appendMetric(store, run, 1, "loss", 1.0);
        appendMetric(store, run, 1, "loss", 0.75);  // a repeated step replaces the point
        auto loss = metricSeries(store, run, "loss");
        QCOMPARE(loss.size(), std::size_t(2));
        QCOMPARE(loss[1].value, 0.75);
        QCOMPARE(lastMetricStep(store, run), std::int64_t(1));

        appendResultRows(store, run, "accuracy", {{{"pattern", "a,b"}, {"acc", 0.9}}, {{"pattern", "c"}, {"acc", 0.8}}});
        appendResultRows(store, run, "accuracy", {{{"pattern", "d"}, {"acc", 0.7}}});
        auto rows = resultRows(store, run, "accuracy");
        QCOMPARE(rows.size(), std::size_t(3));
        QCOMPARE(rows[2].index, std::int64_t(2));

        std::vector<unsigned char> svg = {'<', 's', 'v', 'g', '/', '>'};
        std::int64_t art = saveArtifact(store, run, "fig1.svg", "image/svg+xml", svg);
        QCOMPARE(loadArtifact(store, art).data, svg);
        QCOMPARE(listArtifacts(store, run).front().sizeBytes, std::int64_t(6));
        QVERIFY(!findArtifactByName(store, "fig2.svg"));
        const std::int64_t later = createRun(store, {"eval", "later", {}, 0, "cpu", {}, {}, {}});
        const std::int64_t newer = saveArtifact(store, later, "fig1.svg", "image/svg+xml", {'x'});  // any run's
        QCOMPARE(*findArtifactByName(store, "fig1.svg"), newer);

        std::ostringstream csv;
        exportProject(store, ExportWhat::Results, ExportFormat::Csv, csv);
        QCOMPARE(QString::fromStdString(csv.str()).split("\r\n").front(), QString("run_id,table,row,data"));
        QVERIFY(csv.str().find("\"{\"\"acc\"\":0.9,\"\"pattern\"\":\"\"a,b\"\"}\"") != std::string::npos);
        std::ostringstream json;
        exportProject(store, ExportWhat::Metrics, ExportFormat::Json, json);
        auto metrics = nlohmann::json::parse(json.str());
        QCOMPARE(metrics.size(), std::size_t(3));
        QCOMPARE(metrics[0]["name"].get<std::string>(), std::string("acc"));
        QVERIFY_THROWS_EXCEPTION(ConfigError, parseExportWhat("figures"));
    }
};

QTEST_GUILESS_MAIN(TestProjectStore)
#include "test_project_store.moc"
