// Merging projects (store/project_merge.h): every row of a finished run arrives with consistent ids, shared
// inputs are not duplicated, a second merge changes nothing, and a failing merge leaves the target as it was.
#include <QtTest>

#include <SQLiteCpp/Database.h>

#include "store/analysis.h"
#include "store/artifacts.h"
#include "store/checkpoints.h"
#include "store/circuits.h"
#include "store/metrics.h"
#include "store/models.h"
#include "store/patterns.h"
#include "store/project_info.h"
#include "store/project_merge.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "temp_dir.h"
#include "util/error.h"

using namespace redit;

class TestProjectMerge : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string path(const std::string& name) const { return testing::pathIn(dir_, name); }

    static std::int64_t run(ProjectStore& store, const std::string& kind, nlohmann::json params, RunStatus status,
                            std::optional<std::int64_t> model = {}, std::optional<std::int64_t> dataset = {}) {
        std::int64_t id = createRun(store, {kind, kind, {{"kind", kind}, {"params", params}}, 3, "cpu", model, dataset, {}});
        setRunStatus(store, id, RunStatus::Running);
        if (status != RunStatus::Running) setRunStatus(store, id, status);
        return id;
    }

    // A project with a circuits run (circuits on two instances), a distances run naming it, and a failed run;
    // the circuits run is preceded by an unrelated run in `offset` projects, so ids differ between sources.
    static void fill(ProjectStore& store, bool offset, float scale) {
        if (offset) run(store, "eval", {{"k", 0}}, RunStatus::Finished);
        const std::int64_t model = addModel(store, {0, "tiny", "/models/tiny", {{"hidden_size", 8}}, "h-model"});
        const std::int64_t dataset = addDataset(store, {0, "level1", {{"spec", "synthetic"}}, "h-data"});
        const std::int64_t pattern = addPattern(store, dataset, "p1");
        const std::vector<std::int64_t> instances = addInstances(store, pattern, {{0, "a", {{"x", 1}}}, {0, "b", {{"x", 2}}}});
        assignSplit(store, "s0", {{instances[0], SplitPart::Train}, {instances[1], SplitPart::Test}});
        const std::int64_t spec = addGraphSpec(store, {{"layers", 1}}, 3, model);
        const std::int64_t circuits = run(store, "circuits", {{"pairs", 2}}, RunStatus::Finished, model, dataset);
        const std::int64_t a = saveCircuit(store, {0, circuits, spec, "p1", instances[0], {1 * scale, 2, 3}});
        const std::int64_t b = saveCircuit(store, {0, circuits, spec, "p1/half", instances[1], {4 * scale, 5, 6}});
        appendMetric(store, circuits, 1, "loss", 0.5 * scale);
        saveCheckpoint(store, circuits, "done", std::vector<unsigned char>{1, 2, 3});
        putResultRow(store, circuits, "table", 0, {{"value", scale}});
        saveArtifact(store, circuits, "graph.dot", "text/plain", std::vector<unsigned char>{'g'});
        const std::int64_t distances = run(store, "distances", {{"circuits_run", circuits}}, RunStatus::Finished);
        saveDistances(store, distances, {{a, b, "jaccard", 0.25 * scale}});
        saveInterferenceMatrix(store, {0, distances, "delta", {"p1"}, {"p1"}, {scale}});
        run(store, "interference", {}, RunStatus::Failed);
    }

    static int count(const ProjectStore& store, const std::string& table) {
        return store.db().execAndGet("SELECT count(*) FROM " + table).getInt();
    }

private slots:
    void copiesFinishedRunsWithConsistentIdsAndSharesEqualInputs() {
        const std::string a = path("a.redit"), b = path("b.redit"), target = path("target.redit");
        { ProjectStore s = ProjectStore::create(a); fill(s, false, 1); }
        { ProjectStore s = ProjectStore::create(b); fill(s, true, 2); }
        ProjectStore store = ProjectStore::create(target);
        const MergeReport report = mergeProjects(store, {{a, {{"cell", 0}}}, {b, {{"cell", 1}}}});

        QCOMPARE(report.runs.size(), std::size_t(5));  // 2 + 3 finished runs
        QCOMPARE(report.notMerged.size(), std::size_t(2));  // the failed runs
        QVERIFY(QString::fromStdString(report.notMerged[0]).contains("is failed"));
        QCOMPARE(count(store, "runs"), 5);
        QCOMPARE(count(store, "models"), 1);     // same path and hash: shared
        QCOMPARE(count(store, "datasets"), 1);
        QCOMPARE(count(store, "patterns"), 1);
        QCOMPARE(count(store, "instances"), 2);
        QCOMPARE(count(store, "splits"), 2);
        QCOMPARE(count(store, "graph_specs"), 1);
        QCOMPARE(count(store, "circuits"), 4);
        QCOMPARE(count(store, "distances"), 2);
        QCOMPARE(count(store, "interference_matrices"), 2);
        QCOMPARE(count(store, "run_origins"), 5);
        QVERIFY(store.integrityProblems().empty());

        // b's distances run, renumbered, still names b's circuits run, and its distance its circuits.
        for (const RunRecord& r : listRuns(store)) {
            if (r.kind != "distances") continue;
            const std::int64_t circuitsRun = r.config["params"]["circuits_run"].get<std::int64_t>();
            QCOMPARE(loadRun(store, circuitsRun).kind, std::string("circuits"));
            const std::vector<CircuitDistance> d = loadDistances(store, r.id);
            QCOMPARE(d.size(), std::size_t(1));
            const StoredCircuit circuit = loadCircuit(store, d[0].circuitA);
            QCOMPARE(circuit.runId, circuitsRun);
            QCOMPARE(double(circuit.scores[0]) * 0.25, d[0].value);  // the same source's circuit and distance
            QCOMPARE(resultRows(store, circuitsRun, "table").at(0).data["value"].get<double>(), double(circuit.scores[0]));
            QVERIFY(loadCheckpoint(store, circuitsRun, "done").has_value());
            QCOMPARE(listArtifacts(store, circuitsRun).size(), std::size_t(1));
            QCOMPARE(metricSeries(store, circuitsRun, "loss").size(), std::size_t(1));
            QCOMPARE(*loadRun(store, circuitsRun).modelId, listModels(store).at(0).id);
        }
        SQLite::Statement origin(store.db(), "SELECT provenance FROM run_origins ORDER BY run_id DESC LIMIT 1");
        QVERIFY(origin.executeStep());
        const nlohmann::json provenance = nlohmann::json::parse(origin.getColumn(0).getString());
        QCOMPARE(provenance["cell"].get<int>(), 1);
        QCOMPARE(provenance["device"].get<std::string>(), std::string("cpu"));
        QVERIFY(provenance.contains("source_run"));
    }

    void aSecondMergeChangesNothing() {
        const std::string a = path("again-a.redit"), target = path("again-target.redit");
        { ProjectStore s = ProjectStore::create(a); fill(s, false, 1); }
        ProjectStore store = ProjectStore::create(target);
        mergeProjects(store, {{a}});
        const int runs = count(store, "runs"), circuits = count(store, "circuits"), instances = count(store, "instances");
        const MergeReport again = mergeProjects(store, {{a}});
        for (const MergedRun& r : again.runs) QVERIFY(r.alreadyMerged);
        QCOMPARE(count(store, "runs"), runs);
        QCOMPARE(count(store, "circuits"), circuits);
        QCOMPARE(count(store, "instances"), instances);
    }

    void aFailingMergeLeavesTheTargetAsItWas() {
        const std::string a = path("fail-a.redit"), target = path("fail-target.redit");
        { ProjectStore s = ProjectStore::create(a); fill(s, false, 1); }
        const std::string notAProject = path("text.redit");
        testing::writeText(notAProject, std::string(4096, 'x'));
        ProjectStore store = ProjectStore::create(target);
        try {
            mergeProjects(store, {{a}, {notAProject}});
            QFAIL("expected a FileError");
        } catch (const FileError& e) {
            QVERIFY(QString(e.what()).contains("text.redit"));
        }
        QCOMPARE(count(store, "runs"), 0);
        QCOMPARE(count(store, "models"), 0);
        QVERIFY_THROWS_EXCEPTION(FileError, mergeProjects(store, {{target}}));  // into itself
    }

    void everyProjectHasAnId() {
        ProjectStore a = ProjectStore::create(path("id-a.redit"));
        ProjectStore b = ProjectStore::create(path("id-b.redit"));
        QCOMPARE(projectId(a).size(), std::size_t(32));
        QVERIFY(projectId(a) != projectId(b));
    }
};

QTEST_GUILESS_MAIN(TestProjectMerge)
#include "test_project_merge.moc"
