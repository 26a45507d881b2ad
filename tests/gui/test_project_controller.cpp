#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

#include "gui_test_helpers.h"
#include "jobs/stage_registry.h"
#include "main_window.h"
#include "views/project_explorer.h"
#include "store/artifacts.h"
#include "store/models.h"
#include "store/patterns.h"
#include "store/project_store.h"
#include "store/runs.h"
#include "adapters/store_project_controller.h"
#include "util/error.h"

using namespace redit;
using namespace redit::gui;
using redit::testing::answerNextMessageBox;
using redit::testing::fileBytes;

namespace {

int childCount(const MainWindow& window, ProjectExplorer::Group group) {
    return window.projectExplorer()->group(group)->childCount();
}

}  // namespace

class TestProjectController : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    StageRegistry registry_;

    QString path(const QString& name) const { return dir_.filePath(name); }
    DemoProjectPaths demoPaths(const QString& modelFolder) const { return {path("data/demo.redit"), modelFolder}; }

    // A project with one dataset, two patterns, a run, a figure and a report.
    void writeProject(const QString& file) {
        ProjectStore store = ProjectStore::create(file.toStdString());
        const std::int64_t dataset = addDataset(store, {0, "toy", {{"spec", "toy"}}, "h"});
        addPattern(store, dataset, "d1-00");
        addPattern(store, dataset, "d1-01");
        NewRun run;
        run.kind = "eval";
        run.name = "baseline";
        const std::int64_t runId = createRun(store, run);
        saveArtifact(store, runId, "accuracy.png", "image/png", {1, 2, 3});
        saveArtifact(store, runId, "summary.md", "text/markdown", {'#'});
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("REditTest");
        QCoreApplication::setApplicationName("test_project_controller");
        QSettings().clear();
        QVERIFY(dir_.isValid());
    }

    void cleanupTestCase() { QSettings().clear(); }

    void createOpenAndCloseFillTheExplorer() {
        StoreProjectController controller(registry_, demoPaths(path("no-model")));
        MainWindow window;
        window.setProjectController(&controller);
        window.setRunController(&controller);

        // New project through the controller: an empty project file.
        const ProjectContents created = controller.newProject(path("fresh.redit"));
        QCOMPARE(created.name, QString("fresh"));
        QVERIFY(QFileInfo(path("fresh.redit")).isFile());
        QVERIFY(created.datasets.isEmpty() && created.runs.isEmpty());
        QVERIFY_THROWS_EXCEPTION(FileError, controller.newProject(path("fresh.redit")));  // exists already

        writeProject(path("filled.redit"));
        QVERIFY(window.openProjectFile(path("filled.redit")));
        QVERIFY(controller.isOpen());
        QCOMPARE(childCount(window, ProjectExplorer::Datasets), 1);
        QCOMPARE(childCount(window, ProjectExplorer::Patterns), 2);
        QCOMPARE(window.projectExplorer()->group(ProjectExplorer::Patterns)->child(1)->text(0), QString("d1-01"));
        QCOMPARE(window.projectExplorer()->group(ProjectExplorer::Runs)->child(0)->text(0), QString("#1 baseline (pending)"));
        QCOMPARE(window.projectExplorer()->group(ProjectExplorer::Figures)->child(0)->text(0), QString("accuracy.png (#1)"));
        QCOMPARE(window.projectExplorer()->group(ProjectExplorer::Reports)->child(0)->text(0), QString("summary.md (#1)"));
        QCOMPARE(MainWindow::recentProjects().first(), path("filled.redit"));
        QVERIFY(window.windowTitle().startsWith("filled"));

        QAction* close = nullptr;
        for (QAction* action : window.findChildren<QAction*>())
            if (action->text() == "&Close Project") close = action;
        QVERIFY(close);
        answerNextMessageBox(nullptr, QMessageBox::Yes);
        close->trigger();
        QVERIFY(!controller.isOpen());
        QCOMPARE(childCount(window, ProjectExplorer::Patterns), 0);
        QVERIFY_THROWS_EXCEPTION(ConfigError, controller.datasets());
    }

    void damagedFileIsRefusedAndUnchanged() {
        StoreProjectController controller(registry_, demoPaths(path("no-model")));
        MainWindow window;
        window.setProjectController(&controller);
        writeProject(path("good.redit"));
        QVERIFY(window.openProjectFile(path("good.redit")));

        // A project cut short: its header declares more pages than the file holds.
        writeProject(path("cut.redit"));
        QByteArray whole = fileBytes(path("cut.redit"));
        {
            QFile cut(path("cut.redit"));
            QVERIFY(cut.open(QIODevice::WriteOnly | QIODevice::Truncate));
            cut.write(whole.left(whole.size() / 2));
        }
        redit::testing::writeText(path("noise.redit").toStdString(), "this is not a database at all");
        for (const QString& name : {QString("cut.redit"), QString("noise.redit")}) {
            const QByteArray before = fileBytes(path(name));
            QString shown;
            answerNextMessageBox(&shown, QMessageBox::Ok);
            QVERIFY(!window.openProjectFile(path(name)));
            QVERIFY2(shown.contains(path(name)), qPrintable(shown));  // the message names the file
            QCOMPARE(fileBytes(path(name)), before);
            QVERIFY(!QFileInfo::exists(path(name) + "-wal"));
            // The project that was open stays open.
            QCOMPARE(childCount(window, ProjectExplorer::Patterns), 2);
            QCOMPARE(controller.datasets().size(), 1);
        }
    }

    void damageInsideTheTablesIsAnErrorNotACrash() {
        StoreProjectController controller(registry_, demoPaths(path("no-model")));
        writeProject(path("deep.redit"));
        QByteArray bytes = fileBytes(path("deep.redit"));
        QVERIFY(bytes.size() > 4 * 4096);
        for (qsizetype i = 4096; i < bytes.size(); ++i) bytes[i] = char(0xA5);  // every page but the first
        {
            QFile file(path("deep.redit"));
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(bytes);
        }
        try {
            controller.openProject(path("deep.redit"));
            QFAIL("a project with damaged tables must not open");
        } catch (const FileError& e) {
            QVERIFY2(QString(e.what()).startsWith(path("deep.redit")), e.what());
        }
        QVERIFY(!controller.isOpen());
        QCOMPARE(fileBytes(path("deep.redit")), bytes);
    }

    void saveAsCopiesAndContinuesThere() {
        StoreProjectController controller(registry_, demoPaths(path("no-model")));
        writeProject(path("original.redit"));
        controller.openProject(path("original.redit"));
        const ProjectContents copy = controller.saveProjectAs(path("copy.redit"));
        QCOMPARE(copy.path, path("copy.redit"));
        QCOMPARE(copy.patterns, QStringList({"d1-00", "d1-01"}));
        QCOMPARE(copy.runs.size(), 1);
        QVERIFY_THROWS_EXCEPTION(FileError, controller.saveProjectAs(path("copy.redit")));  // the open project
        const ProjectStore reopened = ProjectStore::open(path("copy.redit").toStdString(), ProjectStore::Mode::ReadOnly);
        QCOMPARE(listPatterns(reopened).size(), size_t(2));
        // Saving over an existing file replaces it (the file dialog asked first).
        redit::testing::writeText(path("taken.redit").toStdString(), "old bytes");
        QCOMPARE(controller.saveProjectAs(path("taken.redit")).patterns.size(), 2);
        QVERIFY(!QFileInfo::exists(path("taken.redit.part")));
    }

    void demoProjectOpensWithoutTheModelAndSaysHowToMakeIt() {
        StoreProjectController controller(registry_, demoPaths(path("models/logic-tiny")));
        QSignalSpy messages(&controller, &RunController::message);
        const ProjectContents demo = controller.openDemoProject();
        QCOMPARE(demo.path, path("data/demo.redit"));
        QCOMPARE(demo.datasets, QStringList{"synthetic:deductive:level1"});
        QVERIFY(demo.patterns.size() >= 2);
        QVERIFY(demo.models.isEmpty());
        QCOMPARE(messages.count(), 1);
        QVERIFY(messages.first().first().toString().contains("redit train-tiny --out resources/models/logic-tiny"));

        // Once the model folder exists, opening the demo again records it (and adds nothing twice).
        QDir().mkpath(path("models/logic-tiny"));
        redit::testing::writeTinyModelConfig(path("models/logic-tiny").toStdString());
        redit::testing::writeText(path("models/logic-tiny/model.safetensors").toStdString(), "weights");
        const ProjectContents again = controller.openDemoProject();
        QCOMPARE(again.models, QStringList{"logic-tiny"});
        QCOMPARE(again.datasets, demo.datasets);
        QCOMPARE(again.patterns, demo.patterns);
        QCOMPARE(controller.models().first().path, path("models/logic-tiny"));
    }

    void demoProjectThroughTheWindow() {
        StoreProjectController controller(registry_, demoPaths(path("models/logic-tiny")));
        MainWindow window;
        window.setProjectController(&controller);
        window.setRunController(&controller);
        QVERIFY(window.openDemoProject());
        QCOMPARE(childCount(window, ProjectExplorer::Datasets), 1);
        QVERIFY(childCount(window, ProjectExplorer::Patterns) >= 2);
        QCOMPARE(MainWindow::recentProjects().first(), path("data/demo.redit"));
    }
};

QTEST_MAIN(TestProjectController)
#include "test_project_controller.moc"
