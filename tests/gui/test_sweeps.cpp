#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTreeWidget>
#include <QtTest>

#include "adapters/store_project_controller.h"
#include "adapters/sweep_launch.h"
#include "dialogs/config_form.h"
#include "dialogs/run_config_dialog.h"
#include "dialogs/sweep_options.h"
#include "jobs/stage_registry.h"
#include "main_window.h"
#include "models/run_workflow.h"
#include "models/sweep_workflow.h"
#include "stages/builtin_stages.h"
#include "store/project_merge.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "util/error.h"
#include "views/run_monitor.h"
#include "models/run_monitor_model.h"
#include "views/sweep_monitor.h"

using namespace redit;
using namespace redit::gui;

namespace {
const QString kModelFolder = QStringLiteral(REDIT_SOURCE_DIR "/resources/models/logic-tiny");
}

// Sweeps from the GUI (docs/gui.md, "Sweeps"): the axes New Run reads, and a sweep over two seeds of an eval
// run on logic-tiny launched from New Run on this machine, followed in the Sweeps pane until its cells are
// done, collected into the project, where both runs appear with their sweep as provenance and the same
// results as the cells computed.
class TestSweeps : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    StageRegistry registry;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("REditTest");
        QCoreApplication::setApplicationName("test_sweeps");
        QSettings().clear();
        registerBuiltinStages(registry);
        qputenv("REDIT_PROGRAM", REDIT_CLI);
    }

    void cleanupTestCase() { QSettings().clear(); }

    void axesAreReadAsTheSpecWantsThem() {
        QCOMPARE(seedAxis("0, 1 3-4", false), nlohmann::json({{"seed", {0, 1, 3, 4}}}));
        QCOMPARE(seedAxis("2,5", true), nlohmann::json::parse(R"({"params.seeds": [[2], [5]]})"));
        QVERIFY(seedAxis("  ", false).is_null());
        QVERIFY_THROWS_EXCEPTION(ConfigError, seedAxis("0, x", false));
        QVERIFY_THROWS_EXCEPTION(ConfigError, seedAxis("4-2", false));
        QCOMPARE(otherAxis("params.lora_lr = 0.001, 0.01"), nlohmann::json::parse(R"({"params.lora_lr": [0.001, 0.01]})"));
        QCOMPARE(otherAxis("params.methods = [\"LoRA\"], [\"REdit\"]"),
                 nlohmann::json::parse(R"({"params.methods": [["LoRA"], ["REdit"]]})"));
        QCOMPARE(otherAxis("device = cpu, cuda"), nlohmann::json::parse(R"({"device": ["cpu", "cuda"]})"));
        QVERIFY(otherAxis("").is_null());
        QVERIFY_THROWS_EXCEPTION(ConfigError, otherAxis("0.1, 0.2"));
        QVERIFY_THROWS_EXCEPTION(ConfigError, otherAxis("params.x ="));
        QCOMPARE(cellCount(nlohmann::json::parse(R"({"seed": [0, 1, 2], "params.lora_lr": [1, 2]})")), 6);
    }

    // New Run: a sweep over seeds 0 and 1 of an eval run, on this machine with two processes; the Sweeps pane
    // follows its cells until both are done; Collect merges them into the project.
    void aSweepLaunchedFromNewRunIsFollowedAndCollected() {
        const QString project = dir.filePath("study.redit");
        StoreProjectController controller(registry, {dir.filePath("demo.redit"), kModelFolder});
        MainWindow window;
        window.setProjectController(&controller);
        window.setRunController(&controller);
        window.show();
        controller.newProject(project);
        QVERIFY(window.openProjectFile(project));

        QString dialogError;
        connect(window.runWorkflow(), &RunWorkflow::dialogOpened, this, [&](RunConfigDialog* dialog) {
            QTimer::singleShot(0, dialog, [&, dialog] {
                auto* stage = dialog->findChild<QComboBox*>("stageBox");
                stage->setCurrentIndex(stage->findData(QStringLiteral("eval")));
                dialog->modelChooser()->setEditText(kModelFolder);
                dialog->datasetChooser()->setEditText(QStringLiteral("synthetic:deductive:level1:per_domain=1:first=2"));
                dialog->findChild<QLineEdit*>("runName")->setText(QStringLiteral("eval seeds"));
                SweepOptions* sweep = dialog->sweepOptions();
                sweep->runOn()->setCurrentIndex(1);  // this machine
                QVERIFY(sweep->seeds()->isVisible() && sweep->processes()->isVisible() && !sweep->siteFile()->isVisible());
                sweep->seeds()->setText(QStringLiteral("0"));
                auto* launch = dialog->findChild<QPushButton*>("launchButton");
                launch->click();  // one cell is not a sweep: refused beside the form
                QVERIFY(dialog->isVisible());
                dialogError = dialog->errorLine()->text();
                sweep->seeds()->setText(QStringLiteral("0, 1"));
                sweep->processes()->setValue(2);
                QVERIFY2(sweep->summary()->text().startsWith(QStringLiteral("2 cells")), qPrintable(sweep->summary()->text()));
                launch->click();
                if (dialog->isVisible()) {  // a launch error: report it and close
                    dialogError = dialog->errorLine()->text();
                    dialog->reject();
                }
            });
        });
        QSignalSpy launched(window.runWorkflow(), &RunWorkflow::sweepLaunched);
        window.runWorkflow()->newRun();
        QVERIFY2(dialogError.contains(QStringLiteral("at least two cells")), qPrintable(dialogError));
        QCOMPARE(launched.size(), 1);
        const QString spec = launched.first().first().toString();
        QVERIFY(spec.startsWith(projectSweepFolder(project)));
        QCOMPARE(projectSweeps(project), QStringList{spec});

        // The pane follows the cells (the refresh timer runs while the sweep is active) until both are done.
        SweepWorkflow* sweeps = window.sweepWorkflow();
        QTRY_VERIFY_WITH_TIMEOUT(sweeps->sweeps().size() == 1 && sweeps->sweeps()[0].count("done") == 2 &&
                                     !sweeps->sweeps()[0].isActive(),
                                 180000);
        const SweepView& view = sweeps->sweeps()[0];
        QCOMPARE(view.name, QStringLiteral("eval seeds"));
        QCOMPARE(view.execution.processes, 2);
        QCOMPARE(view.cells[0].values, QStringLiteral("seed=0"));
        QCOMPARE(view.cells[1].values, QStringLiteral("seed=1"));
        QTreeWidget* tree = window.sweepMonitor()->tree();
        QCOMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->childCount(), 2);
        QCOMPARE(tree->topLevelItem(0)->child(1)->text(1), QStringLiteral("done"));
        QVERIFY(!window.sweepMonitor()->resumeButton()->isEnabled());  // nothing stopped

        // Collect, twice: the second merges nothing new.
        window.sweepMonitor()->selectSpec(spec);
        QVERIFY(window.sweepMonitor()->collectButton()->isEnabled());
        QSignalSpy collected(sweeps, &SweepWorkflow::collected);
        window.sweepMonitor()->collectButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(collected.size(), 1, 30000);
        QVERIFY2(collected[0][0].toBool(), qPrintable(collected[0][1].toString()));
        QVERIFY2(collected[0][1].toString().contains(QStringLiteral("2 run(s) merged, 0 merged before")),
                 qPrintable(collected[0][1].toString()));
        // The pane marks the cells whose runs are now in the project.
        QTRY_COMPARE_WITH_TIMEOUT(tree->topLevelItem(0)->child(1)->text(1), QStringLiteral("done, collected"), 30000);
        QVERIFY(sweeps->sweeps()[0].cells[0].collected);
        sweeps->collect(spec);
        QTRY_COMPARE_WITH_TIMEOUT(collected.size(), 2, 30000);
        QVERIFY2(collected[1][1].toString().contains(QStringLiteral("0 run(s) merged, 2 merged before")),
                 qPrintable(collected[1][1].toString()));

        // The project holds both runs, each with its cell as provenance and the cell's accuracy rows.
        const ProjectStore store = ProjectStore::open(project.toStdString(), ProjectStore::Mode::ReadOnly);
        const std::vector<RunRecord> runs = listRuns(store);
        QCOMPARE(runs.size(), size_t(2));
        for (const RunRecord& run : runs) {
            QCOMPARE(run.kind, std::string("eval"));
            QCOMPARE(run.status, RunStatus::Finished);
            const nlohmann::json origin = runOrigin(store, run.id);
            QCOMPARE(origin.value("sweep", std::string()), std::string("eval seeds"));
            QCOMPARE(origin["values"]["seed"].get<int64_t>(), run.seed);
            const ProjectStore cell = ProjectStore::open(origin["source"].get<std::string>(), ProjectStore::Mode::ReadOnly);
            const std::vector<ResultRow> cellRows = resultRows(cell, listRuns(cell).at(0).id, "pattern_accuracy");
            const std::vector<ResultRow> rows = resultRows(store, run.id, "pattern_accuracy");
            QVERIFY(!rows.empty());
            QCOMPARE(rows.size(), cellRows.size());
            for (size_t i = 0; i < rows.size(); ++i) QCOMPARE(rows[i].data, cellRows[i].data);
        }
        // The run monitor lists the collected runs.
        QTRY_COMPARE(window.runMonitor()->model()->rowCount(), 2);
    }

    // A sweep whose spec was written but whose launcher never ran (or died): its cells are pending and nothing
    // runs them, so Resume is offered; it starts the launcher (its process id recorded), which runs both
    // cells; the finished launcher is no longer taken for a running one.
    void resumeRunsTheCellsNothingRuns() {
        const QString project = dir.filePath("resume.redit");
        StoreProjectController controller(registry, {dir.filePath("demo.redit"), kModelFolder});
        MainWindow window;
        window.setProjectController(&controller);
        window.setRunController(&controller);
        controller.newProject(project);
        SweepLaunch launch;
        launch.name = QStringLiteral("never started");
        launch.run = {{"kind", "eval"}, {"device", "cpu"},
                      {"params", {{"model", kModelFolder.toStdString()}, {"data", "synthetic:deductive:level1:per_domain=1:first=2"}}}};
        launch.axes = {{"seed", {3, 4}}};
        const QString spec = writeSweepSpec(project, launch, registry);
        QVERIFY(window.openProjectFile(project));
        SweepWorkflow* sweeps = window.sweepWorkflow();
        QTRY_VERIFY(sweeps->sweeps().size() == 1);
        QCOMPARE(sweeps->sweeps()[0].count("pending"), 2);
        QVERIFY(!sweeps->sweeps()[0].launcherRunning);
        QCOMPARE(sweeps->sweeps()[0].resumableCells(), 2);
        window.sweepMonitor()->selectSpec(spec);
        QVERIFY(window.sweepMonitor()->resumeButton()->isEnabled());

        window.sweepMonitor()->resumeButton()->click();
        QVERIFY(sweepExecution(spec).launcherPid > 0);  // recorded at the start
        QTRY_VERIFY_WITH_TIMEOUT(sweeps->sweeps()[0].count("done") == 2 && !sweeps->sweeps()[0].isActive(), 180000);
        QVERIFY(!window.sweepMonitor()->resumeButton()->isEnabled());
        QVERIFY(!sweepLauncherRunning(spec, sweepExecution(spec)));
    }
};

QTEST_MAIN(TestSweeps)
#include "test_sweeps.moc"
