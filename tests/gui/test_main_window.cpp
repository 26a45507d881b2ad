#include <QDockWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTreeWidget>
#include <QComboBox>
#include <QSpinBox>
#include <QtTest>

#include "main_window.h"
#include "views/project_explorer.h"
#include "views/run_monitor.h"
#include "models/run_monitor_model.h"
#include "dialogs/settings_dialog.h"
#include "util/error.h"
#include "adapters/workbench_settings.h"

using namespace redit::gui;

namespace {

class FakeController : public ProjectController {
public:
    QStringList calls;
    ProjectContents newProject(const QString& folder) override { return opened("new " + folder, folder); }
    ProjectContents openProject(const QString& folder) override {
        if (folder.contains("broken")) throw redit::FileError(folder.toStdString(), "no project.json");
        return opened("open " + folder, folder);
    }
    ProjectContents openDemoProject() override { return opened("demo", "/tmp/demo-project"); }
    ProjectContents saveProjectAs(const QString& folder) override { return opened("save " + folder, folder); }
    void closeProject() override { calls << "close"; }
    void cancelRun(const QString& runId) override { calls << "cancel " + runId; }

private:
    ProjectContents opened(const QString& call, const QString& folder) {
        calls << call;
        ProjectContents c;
        c.name = "demo";
        c.path = folder;
        c.patterns = QStringList{"modus ponens", "modus tollens"};
        c.runs = QStringList{"r1"};
        return c;
    }
};

QAction* actionNamed(const QMainWindow& window, const QString& text) {
    for (QAction* action : window.findChildren<QAction*>())
        if (action->text() == text) return action;
    return nullptr;
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("REditTest");
        QCoreApplication::setApplicationName("test_main_window");
        QSettings().clear();
    }

    void opensWithItsDocks() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QStringList docks;
        for (QDockWidget* dock : window.findChildren<QDockWidget*>()) {
            docks << dock->objectName();
            QVERIFY(dock->widget());
        }
        docks.sort();
        QCOMPARE(docks, QStringList({"logDock", "projectDock", "runsDock", "sweepsDock"}));
        // The explorer has its seven groups, all empty until a project is opened, and the hidden Results entry.
        QCOMPARE(window.projectExplorer()->topLevelItemCount(), 8);
        for (int g = 0; g < 7; ++g) QCOMPARE(window.projectExplorer()->topLevelItem(g)->childCount(), 0);
        QVERIFY(window.projectExplorer()->resultsEntry()->isHidden());
        QCOMPARE(window.tabs()->count(), 1);
    }

    void fileActionsHaveShortcutsAndTips() {
        MainWindow window;
        for (const char* text : {"&New Project…", "&Open Project…", "Save Project &As…", "Open &Demo Project",
                                 "&Close Project", "&Export Figure…", "&Settings…", "&Quit"}) {
            QAction* action = actionNamed(window, QString::fromUtf8(text));
            QVERIFY2(action, text);
            QVERIFY2(!action->shortcut().isEmpty(), text);
            QVERIFY2(!action->toolTip().isEmpty(), text);
        }
    }

    void dockLayoutIsRemembered() {
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.findChild<QDockWidget*>("logDock")->close();
            window.findChild<QDockWidget*>("projectDock")->setFloating(true);
            QVERIFY(window.close());
        }
        MainWindow again;
        QVERIFY(again.findChild<QDockWidget*>("logDock")->isHidden());
        QVERIFY(again.findChild<QDockWidget*>("projectDock")->isFloating());
        QSettings().clear();
    }

    void controllerOpensProjectsAndFillsTheExplorer() {
        MainWindow window;
        FakeController controller;
        window.setProjectController(&controller);
        QSignalSpy opened(&window, &MainWindow::projectOpened);
        actionNamed(window, "Open &Demo Project")->trigger();
        QCOMPARE(controller.calls, QStringList{"demo"});
        QCOMPARE(opened.count(), 1);
        QCOMPARE(window.projectExplorer()->group(ProjectExplorer::Patterns)->childCount(), 2);
        QCOMPARE(window.projectExplorer()->group(ProjectExplorer::Runs)->child(0)->text(0), QString("r1"));
        QCOMPARE(MainWindow::recentProjects().first(), QString("/tmp/demo-project"));
        QSettings().clear();
    }

    void withoutAControllerNothingHappens() {
        MainWindow window;
        QSignalSpy opened(&window, &MainWindow::projectOpened);
        actionNamed(window, "Open &Demo Project")->trigger();
        QCOMPARE(opened.count(), 0);
        QCOMPARE(window.projectExplorer()->group(ProjectExplorer::Patterns)->childCount(), 0);
    }

    void runMonitorShowsProgressAndEta() {
        RunMonitor monitor;
        RunMonitorModel* model = monitor.model();
        model->upsertRun({"b", "edit", MonitoredRun::State::Finished, 1.0, -1});
        model->upsertRun({"a", "circuits", MonitoredRun::State::Running, 0.256, 125});
        model->upsertRun({"a", "circuits", MonitoredRun::State::Running, 7.0, 3 * 3600 + 7 * 60});  // update, clamped
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->runAt(0)->id, QString("a"));  // newest first; an update keeps its row
        QCOMPARE(model->runAt(1)->id, QString("b"));
        QCOMPARE(model->index(0, RunMonitorModel::Progress).data().toInt(), 100);
        QCOMPARE(model->index(0, RunMonitorModel::Eta).data().toString(), QString("3 h 07 min"));
        QCOMPARE(model->index(1, RunMonitorModel::Eta).data().toString(), QString());  // finished: no ETA
        QCOMPARE(formatEta(125), QString("2 min 05 s"));
        QCOMPARE(formatEta(9), QString("9 s"));
        QCOMPARE(formatEta(-1), QString("–"));
        QCOMPARE(model->activeRunCount(), 1);

        auto* cancel = monitor.findChild<QPushButton*>();
        QVERIFY(!cancel->isEnabled());
        monitor.table()->selectRow(0);
        QVERIFY(cancel->isEnabled());
        monitor.table()->selectRow(1);
        QVERIFY(!cancel->isEnabled());  // a finished run cannot be cancelled
        model->removeRun("a");
        QCOMPARE(model->rowCount(), 1);
    }

    void progressTextReadsOverBothPartsOfTheBar() {
        RunMonitor monitor;
        monitor.resize(400, 150);
        monitor.model()->upsertRun({"a", "circuits", MonitoredRun::State::Running, 0.5, 60});
        monitor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&monitor));
        QTableView* table = monitor.table();
        const QRect cell = table->visualRect(table->model()->index(0, RunMonitorModel::Progress));
        QVERIFY(cell.width() >= table->fontMetrics().horizontalAdvance("100%") * 2);  // the column fits the text
        const QImage image = table->viewport()->grab(cell).toImage();
        // Text pixels in the middle rows: light ones over the filled (left) half, dark ones over the empty half.
        int filledText = 0, emptyText = 0;
        for (int y = image.height() / 3; y < image.height() * 2 / 3; ++y)
            for (int x = image.width() / 4; x < image.width() * 3 / 4; ++x) {
                const int lightness = image.pixelColor(x, y).lightness();
                if (x < image.width() / 2 - 3 && lightness > 220) ++filledText;
                if (x > image.width() / 2 + 3 && lightness < 100) ++emptyText;
            }
        QVERIFY(filledText > 0);
        QVERIFY(emptyText > 0);
    }

    void settingsDialogListsCudaOnlyWhenAvailable() {
        WorkbenchSettings stored;
        stored.device = "cuda";
        stored.dtype = "bf16";
        stored.threads = 6;
        stored.compareProcesses = 2;
        SettingsDialog withoutCuda(stored, false);
        QCOMPARE(withoutCuda.findChild<QComboBox*>("deviceBox")->count(), 1);
        QCOMPARE(withoutCuda.settings().device, QString("cpu"));
        QCOMPARE(withoutCuda.settings().dtype, QString("bf16"));
        QCOMPARE(withoutCuda.settings().threads, 6);
        QCOMPARE(withoutCuda.settings().compareProcesses, 2);
        withoutCuda.findChild<QSpinBox*>("compareProcessesBox")->setValue(3);
        QCOMPARE(withoutCuda.settings().compareProcesses, 3);
        SettingsDialog withCuda(stored, true);
        QCOMPARE(withCuda.findChild<QComboBox*>("deviceBox")->count(), 2);
        QCOMPARE(withCuda.settings().device, QString("cuda"));
    }

    void settingsRoundTripAndRejectUnknownValues() {
        QSettings settings;
        WorkbenchSettings s;
        s.device = "cuda";
        s.threads = 3;
        s.compareProcesses = 4;
        s.dtype = "bf16";
        s.modelsFolder = "/models";
        s.dataFolder = "/data";
        s.language = "zh_CN";
        s.save(settings);
        const WorkbenchSettings back = WorkbenchSettings::load(settings);
        QCOMPARE(back.device, s.device);
        QCOMPARE(back.threads, 3);
        QCOMPARE(back.compareProcesses, 4);
        QCOMPARE(back.dtype, s.dtype);
        QCOMPARE(back.modelsFolder, s.modelsFolder);
        QCOMPARE(back.dataFolder, s.dataFolder);
        QCOMPARE(back.language, s.language);

        settings.setValue("settings/dtype", "fp8");
        settings.setValue("settings/threads", -4);
        settings.setValue("settings/compareProcesses", 0);
        settings.setValue("settings/language", "klingon");
        const WorkbenchSettings fallback = WorkbenchSettings::load(settings);
        QCOMPARE(fallback.dtype, QString("fp32"));
        QCOMPARE(fallback.threads, 0);
        QCOMPARE(fallback.compareProcesses, 1);
        QCOMPARE(fallback.language, QString("en"));
        settings.clear();
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
