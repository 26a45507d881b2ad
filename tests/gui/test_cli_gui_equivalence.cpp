// One computation, two front ends: the law pipeline's four steps run once through the `redit` CLI and once
// through the workbench's StoreProjectController (what the Run dialog calls), each in its own project with
// the same settings. Both are runs of the same job-engine stages, so their params (defaults filled in by the
// stage) and every stored result row must be identical.
#include <QtTest>

#include "../pipeline/pipeline_fixture.h"
#include "cli_process.h"
#include "jobs/stage_registry.h"
#include "model/model_folder.h"
#include "results/circuit_records.h"
#include "stages/builtin_stages.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "adapters/store_project_controller.h"
#include "temp_dir.h"
#include "util/torch_runtime.h"

using namespace redit;
using redit::gui::StoreProjectController;

class TestCliGuiEquivalence : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    StageRegistry registry;
    std::string model, cliProject, guiProject;

    static std::vector<nlohmann::json> rows(const std::string& project, int64_t runId, const std::string& table) {
        std::vector<nlohmann::json> out;
        for (const ResultRow& r : resultRows(ProjectStore::open(project, ProjectStore::Mode::ReadOnly), runId, table))
            out.push_back(r.data);
        return out;
    }

    static RunRecord run(const std::string& project, int64_t runId) {
        return loadRun(ProjectStore::open(project, ProjectStore::Mode::ReadOnly), runId);
    }

    // The newest run of `kind` of the CLI project.
    int64_t newestCliRun(const std::string& kind) const {
        int64_t id = 0;
        for (const RunRecord& r : listRuns(ProjectStore::open(cliProject, ProjectStore::Mode::ReadOnly)))
            if (r.kind == kind) id = r.id;
        return id;
    }

    void cli(const QStringList& arguments) {
        const testing::CliResult r = testing::runRedit(arguments);
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }

    // The GUI's way: the controller submits the request and its JobQueue runs it on a worker thread.
    // `finished`: the run's id once it finished (0 otherwise).
    void gui(StoreProjectController& controller, const nlohmann::json& request, int64_t& finished) {
        finished = 0;
        const int64_t id = controller.launchRun(request).toLongLong();
        QTRY_VERIFY_WITH_TIMEOUT(run(guiProject, id).status == RunStatus::Finished ||
                                     run(guiProject, id).status == RunStatus::Failed, 300000);
        const RunRecord record = run(guiProject, id);
        if (record.status != RunStatus::Finished) qWarning() << record.error.c_str();
        if (record.status == RunStatus::Finished) finished = id;
    }

    // Same params (with the stage's defaults) and the same rows in `table`.
    void sameRun(const std::string& kind, int64_t guiRun, const std::string& table) {
        const int64_t cliRun = newestCliRun(kind);
        QVERIFY2(cliRun > 0 && guiRun > 0, kind.c_str());
        QCOMPARE(QString::fromStdString(run(guiProject, guiRun).config.at("params").dump()),
                 QString::fromStdString(run(cliProject, cliRun).config.at("params").dump()));
        const std::vector<nlohmann::json> a = rows(cliProject, cliRun, table), b = rows(guiProject, guiRun, table);
        QVERIFY2(!a.empty(), table.c_str());
        QCOMPARE(b.size(), a.size());
        for (size_t i = 0; i < a.size(); ++i) QCOMPARE(QString::fromStdString(b[i].dump()), QString::fromStdString(a[i].dump()));
    }

private slots:
    void initTestCase() {
        QVERIFY(dir.isValid());
        configureThreads(1);  // as the CLI's --threads 1: the same reductions, the same floats
        registerBuiltinStages(registry);
        const testing::TinyPipelineModel tiny = testing::tinyPipelineModel();
        model = testing::pathIn(dir, "model");
        saveModelFolder(model, *tiny.model, tiny.tokenizerJson);
        cliProject = testing::pathIn(dir, "cli.redit");
        guiProject = testing::pathIn(dir, "gui.redit");
    }

    void theCliAndTheGuiStoreTheSameRows() {
        const QString project = QString::fromStdString(cliProject);
        cli({"circuits", "--project", project, "--model", QString::fromStdString(model), "--data", testing::kTinyDataSpec,
             "--pairs", "4", "--threads", "1"});
        cli({"distances", "--project", project, "--budgets", "0.2,0.5"});
        cli({"interference", "--project", project, "--steps", "2", "--rank", "2", "--threads", "1"});
        cli({"law", "--project", project, "--csv", QString::fromStdString(testing::pathIn(dir, "cli.law.csv"))});

        StoreProjectController controller(registry, {QString::fromStdString(testing::pathIn(dir, "demo.redit")),
                                                     QString::fromStdString(testing::pathIn(dir, "none"))});
        controller.newProject(QString::fromStdString(guiProject));
        int64_t circuits = 0, distances = 0, interference = 0, law = 0;
        gui(controller, {{"kind", "circuits"}, {"name", "circuits"},
                         {"params", {{"model", model}, {"data", testing::kTinyDataSpec}, {"pairs", 4}}}}, circuits);
        gui(controller, {{"kind", "distances"}, {"params", {{"budgets", {0.2, 0.5}}, {"circuits_run", circuits}}}}, distances);
        gui(controller, {{"kind", "interference"},
                         {"params", {{"model", model}, {"data", testing::kTinyDataSpec}, {"split_seed", 0},
                                     {"lora_steps", 2}, {"lora_rank", 2}}}}, interference);
        gui(controller, {{"kind", "law"}, {"params", {{"distances_run", distances}, {"interference_run", interference}}}},
            law);

        // Circuits: the stored scores of every pattern and its halves.
        const results::CircuitRun a = results::loadCircuitRun(ProjectStore::open(cliProject, ProjectStore::Mode::ReadOnly),
                                                               newestCliRun("circuits"));
        const results::CircuitRun b = results::loadCircuitRun(ProjectStore::open(guiProject, ProjectStore::Mode::ReadOnly), circuits);
        QCOMPARE(b.patterns.size(), a.patterns.size());
        for (size_t i = 0; i < a.patterns.size(); ++i) {
            QCOMPARE(b.patterns[i].patternId, a.patterns[i].patternId);
            QVERIFY(b.patterns[i].all == a.patterns[i].all);
            QVERIFY(b.patterns[i].halfA == a.patterns[i].halfA);
            QVERIFY(b.patterns[i].halfB == a.patterns[i].halfB);
        }
        sameRun("circuits", circuits, "circuit_graph");
        sameRun("distances", distances, "distances");
        sameRun("interference", interference, "interference");
        sameRun("law", law, "law");
        // Both recorded the same model (one content hash) as the run's model.
        QVERIFY(run(cliProject, newestCliRun("circuits")).modelId.has_value());
        QVERIFY(run(guiProject, circuits).modelId.has_value());
    }
};

QTEST_MAIN(TestCliGuiEquivalence)
#include "test_cli_gui_equivalence.moc"
