// The newcomer's first hour through real widgets: the workbench opens the demo project and computes its
// circuits, distances, interference and law as ordinary runs, each launched when the one before finished
// (shown on the overview as they progress). The newcomer cancels the interference run, opens a circuit from
// the explorer, and runs interference and the law from the overview. Every check compares what a widget shows
// with the project's stored results. The demo is computed once (one interference run: about 35 s of CPU) and
// the second case reopens it.
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QtTest>
#include <algorithm>

#include "adapters/demo_project.h"
#include "adapters/project_contents_reader.h"
#include "adapters/project_views.h"
#include "adapters/store_project_controller.h"
#include "analysis/law_fit.h"
#include "jobs/stage_registry.h"
#include "main_window.h"
#include "models/overview_workflow.h"
#include "models/run_workflow.h"
#include "results/circuit_records.h"
#include "results/law_records.h"
#include "stages/builtin_stages.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "views/circuit_panel.h"
#include "views/circuit_selection_widget.h"
#include "views/circuit_view.h"
#include "views/interference_scatter.h"
#include "views/overview_page.h"
#include "views/project_explorer.h"
#include "views/run_monitor.h"
#include "models/run_monitor_model.h"
#include "gui_test_helpers.h"

using namespace redit;
using namespace redit::gui;

namespace {

constexpr int kComputeTimeoutMs = 240000;  // the demo's four runs take about 30 s on two idle cores

// The stored law's headline: its first fitted cross-pattern row.
analysis::LawRow lawHeadline(const ProjectStore& store, int64_t lawRun) {
    for (const ResultRow& stored : resultRows(store, lawRun, "law")) {
        const analysis::LawRow row = analysis::lawRowFromJson(stored.data);
        if (row.points == analysis::LawPointSet::CrossPattern && row.problem.empty()) return row;
    }
    return {};
}

std::vector<std::string> runKinds(const ProjectStore& store) {
    std::vector<std::string> kinds;
    for (const RunRecord& run : listRuns(store)) kinds.push_back(run.kind);
    return kinds;
}

}  // namespace

class TestFirstHour : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    StageRegistry registry;

    DemoProjectPaths demo() const { return {dir.filePath("demo.redit"), builtinModelFolder()}; }

    static void doubleClick(QTreeWidget* tree, QTreeWidgetItem* item) {
        tree->expandItem(item->parent());
        tree->scrollToItem(item);
        const QPoint at = tree->visualItemRect(item).center();
        // QTest's double click does not carry the press the view needs first (as a real double click does).
        QTest::mousePress(tree->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseRelease(tree->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, at);
    }

    // The law's figure on the page against the stored law run.
    static void checkLaw(OverviewPage* page, const ProjectStore& store, int64_t lawRun) {
        const analysis::LawRow row = lawHeadline(store, lawRun);
        QVERIFY(row.n > 0);
        const QString figure = page->figureLabel(MethodStep::Law)->text();
        QVERIFY2(figure.startsWith(QStringLiteral("β = %1, p = %2").arg(row.fit.slope, 0, 'f', 2).arg(row.fit.slopeP, 0, 'g', 2)),
                 qPrintable(figure));
        QVERIFY(figure.contains(QStringLiteral("n = %1").arg(row.n)));
        const InterferenceSet* shown = page->lawScatter()->currentSet();
        QVERIFY(shown && page->lawScatter()->isVisible());
        QCOMPARE(shown->metric, QString::fromStdString(row.metric));
        QCOMPARE(shown->fit.beta, row.fit.slope);
        QCOMPARE(shown->fit.n, int(row.n));
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("REditTest");
        QCoreApplication::setApplicationName("test_first_hour");
        QSettings().clear();
        registerBuiltinStages(registry);
        QVERIFY2(QFileInfo::exists(builtinModelFolder() + "/config.json"), qPrintable(builtinModelFolder()));
    }

    void cleanupTestCase() { QSettings().clear(); }

    void demoComputesTheLawAndStepsRunFromTheOverview() {
        StoreProjectController controller(registry, demo());
        MainWindow window;
        window.setProjectController(&controller);
        window.setRunController(&controller);
        window.resize(1500, 950);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // File > Open Demo Project: the overview is the page it opens on, and the law's steps start.
        QTest::keyClick(&window, Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
        OverviewWorkflow* overview = window.overviewWorkflow();
        QVERIFY(overview->page());
        OverviewPage* page = overview->page();
        QCOMPARE(window.tabs()->currentWidget(), page);
        QCOMPARE(window.tabs()->tabText(window.tabs()->currentIndex()), QStringLiteral("Overview"));
        QVERIFY(overview->isComputing());
        QTRY_VERIFY_WITH_TIMEOUT(page->stateLabel(MethodStep::Circuits)->text().startsWith(QStringLiteral("running")), 30000);
        QVERIFY(page->progressBar(MethodStep::Circuits)->isVisible());
        QCOMPARE(page->stateLabel(MethodStep::Law)->text(), QStringLiteral("not run"));
        QVERIFY(!page->runButton(MethodStep::Law)->isEnabled());  // it needs distances and interference first

        // The circuits: the figure and the drawn circuit against the stored circuits run.
        QTRY_VERIFY_WITH_TIMEOUT(page->overview().status(MethodStep::Circuits).finishedRunId > 0, kComputeTimeoutMs);
        const int64_t circuitsRun = page->overview().status(MethodStep::Circuits).finishedRunId;
        size_t circuitCount = 0;
        {
            const ProjectStore store = ProjectStore::open(dir.filePath("demo.redit").toStdString(), ProjectStore::Mode::ReadOnly);
            const results::CircuitRun circuits = results::loadCircuitRun(store, circuitsRun);
            QVERIFY(!circuits.patterns.empty());
            std::vector<size_t> edges;
            for (const results::PatternScores& p : circuits.patterns)
                edges.push_back(loadRunCircuit(store, circuitsRun, p.patternId, 0.3).edges.size());
            std::sort(edges.begin(), edges.end());
            const size_t n = circuitCount = edges.size();
            const double median = n % 2 ? double(edges[n / 2]) : (double(edges[n / 2 - 1]) + double(edges[n / 2])) / 2;
            QCOMPARE(page->figureLabel(MethodStep::Circuits)->text(),
                     QStringLiteral("%1 circuits, median %2 edges at budget 0.3").arg(n).arg(median));
            const DrawnCircuit first = loadRunCircuit(store, circuitsRun, circuits.patterns.front().patternId, 0.3);
            QTRY_VERIFY(page->circuitView()->isVisible() && !page->circuitView()->isLayingOut());
            QCOMPARE(page->circuitView()->drawnEdgeCount(), int(selectEdges(first, {EdgeSelection::Mode::TopN, 25}).edges.size()));
        }

        // The chain goes on by itself, each step an ordinary run of its stage launched when the one before
        // finished. The newcomer cancels the interference run in the Runs pane, and the chain stops there.
        QTRY_VERIFY_WITH_TIMEOUT(page->overview().status(MethodStep::Interference).runId > 0, kComputeTimeoutMs);
        const MethodOverview chained = page->overview();
        QVERIFY(chained.status(MethodStep::Distances).state == StepStatus::State::Finished);
        QCOMPARE(page->figureLabel(MethodStep::Distances)->text(),
                 QStringLiteral("pattern pairs: %1, at budgets 0.2, 0.3, 0.5").arg(circuitCount * (circuitCount - 1) / 2));
        {
            const ProjectStore store = ProjectStore::open(dir.filePath("demo.redit").toStdString(), ProjectStore::Mode::ReadOnly);
            QCOMPARE(runKinds(store), (std::vector<std::string>{"circuits", "distances", "interference"}));
            const nlohmann::json distances = loadRun(store, chained.status(MethodStep::Distances).runId).config.at("params");
            QCOMPARE(distances.at("circuits_run").get<int64_t>(), circuitsRun);
            QCOMPARE(distances.at("budgets").get<std::vector<double>>(), (std::vector<double>{0.2, 0.3, 0.5}));
        }
        RunMonitor* monitor = window.runMonitor();
        const QString chainedInterference = QString::number(chained.status(MethodStep::Interference).runId);
        auto rowOf = [monitor](const QString& id) {
            for (int row = 0; row < monitor->model()->rowCount(); ++row)
                if (monitor->model()->runAt(row)->id == id) return row;
            return -1;
        };
        QTRY_VERIFY(rowOf(chainedInterference) >= 0);
        monitor->table()->selectRow(rowOf(chainedInterference));
        QPushButton* cancel = nullptr;
        for (QPushButton* button : monitor->findChildren<QPushButton*>())
            if (button->text() == QStringLiteral("&Cancel run")) cancel = button;
        QVERIFY(cancel && cancel->isEnabled());
        testing::answerNextMessageBox(nullptr);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!overview->isComputing(), kComputeTimeoutMs);
        QTRY_COMPARE(page->stateLabel(MethodStep::Interference)->text(),
                     QStringLiteral("cancelled (run #%1)").arg(chainedInterference));
        QCOMPARE(page->stateLabel(MethodStep::Law)->text(), QStringLiteral("not run"));
        QVERIFY(!page->runButton(MethodStep::Law)->isEnabled());

        // The explorer lists the circuits; a double click opens one with its stored edges.
        QTreeWidgetItem* circuitsGroup = window.projectExplorer()->group(ProjectExplorer::Circuits);
        QVERIFY(circuitsGroup->childCount() > 0);
        QTreeWidgetItem* item = circuitsGroup->child(0);
        const std::optional<CircuitEntry> entry = circuitOfLabel(item->text(0));
        QVERIFY(entry && entry->runId == circuitsRun);
        doubleClick(window.projectExplorer(), item);
        QTRY_VERIFY(qobject_cast<CircuitPanel*>(window.tabs()->currentWidget()));
        auto* panel = qobject_cast<CircuitPanel*>(window.tabs()->currentWidget());
        {
            const ProjectStore store = ProjectStore::open(dir.filePath("demo.redit").toStdString(), ProjectStore::Mode::ReadOnly);
            const DrawnCircuit expected =
                selectEdges(loadRunCircuit(store, circuitsRun, entry->pattern.toStdString(), 0.3), panel->selectionWidget()->selection());
            QVERIFY(!expected.edges.empty());
            QCOMPARE(panel->edgeTable()->model()->rowCount(), int(expected.edges.size()));
        }

        // View > Overview brings the overview back; interference and then the law run from it.
        window.activateWindow();  // the message box was the active window
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(window.tabs()->currentWidget(), page);
        QCOMPARE(page->runButton(MethodStep::Interference)->text(), QStringLiteral("Run"));
        QTest::mouseClick(page->runButton(MethodStep::Interference), Qt::LeftButton);
        QTRY_VERIFY(page->overview().status(MethodStep::Interference).runId > chainedInterference.toLongLong());
        const int64_t interferenceRun = page->overview().status(MethodStep::Interference).runId;
        QTRY_VERIFY_WITH_TIMEOUT(page->progressBar(MethodStep::Interference)->value() > 0, kComputeTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(page->overview().status(MethodStep::Interference).finishedRunId, interferenceRun,
                                  kComputeTimeoutMs);
        QTRY_VERIFY(page->runButton(MethodStep::Law)->isEnabled());
        QVERIFY(!page->lawScatter()->isVisible());
        QTest::mouseClick(page->runButton(MethodStep::Law), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page->overview().status(MethodStep::Law).finishedRunId > interferenceRun, kComputeTimeoutMs);
        const int64_t lawRun = page->overview().status(MethodStep::Law).finishedRunId;
        const ProjectStore store = ProjectStore::open(dir.filePath("demo.redit").toStdString(), ProjectStore::Mode::ReadOnly);
        const nlohmann::json interference = loadRun(store, interferenceRun).config.at("params");
        QCOMPARE(interference.at("model").get<std::string>(), builtinModelFolder().toStdString());
        QCOMPARE(interference.at("data").get<std::string>(), std::string(kDemoDatasetSpec));
        QCOMPARE(loadRun(store, lawRun).config.at("params").at("interference_run").get<int64_t>(), interferenceRun);
        const results::InterferenceResult deltas = results::loadInterferenceRun(store, interferenceRun);
        double largest = 0;
        for (size_t i = 0; i < deltas.patterns.size(); ++i)
            for (size_t j = 0; j < deltas.patterns.size(); ++j)
                if (i != j) largest = std::max(largest, deltas.delta(i, j));
        const QString interferenceFigure = page->figureLabel(MethodStep::Interference)->text();
        QVERIFY2(interferenceFigure.startsWith(QStringLiteral("%1 patterns edited").arg(deltas.patterns.size())) &&
                     interferenceFigure.endsWith(QStringLiteral("largest %1").arg(largest, 0, 'f', 2)),
                 qPrintable(interferenceFigure));
        checkLaw(page, store, lawRun);
        QCOMPARE(page->figureLabel(MethodStep::Law)->toolTip(), QStringLiteral("From run #%1").arg(lawRun));

        // Open on the law opens its scatter in its own tab.
        QTest::mouseClick(page->openButton(MethodStep::Law), Qt::LeftButton);
        QTRY_VERIFY(qobject_cast<InterferenceScatter*>(window.tabs()->currentWidget()));
        QCOMPARE(window.tabs()->tabText(window.tabs()->currentIndex()), QStringLiteral("Run #%1: interference").arg(lawRun));
    }

    void reopenedDemoIsNotComputedAgain() {
        const std::vector<std::string> before =
            runKinds(ProjectStore::open(dir.filePath("demo.redit").toStdString(), ProjectStore::Mode::ReadOnly));
        QVERIFY(before.size() >= 4);
        StoreProjectController controller(registry, demo());
        MainWindow window;
        window.setProjectController(&controller);
        window.setRunController(&controller);
        QSignalSpy shown(window.overviewWorkflow(), &OverviewWorkflow::overviewShown);
        QVERIFY(window.openDemoProject());
        QTRY_VERIFY(!window.overviewWorkflow()->isComputing());
        QVERIFY(!shown.isEmpty());
        OverviewPage* page = window.overviewWorkflow()->page();
        for (MethodStep step : {MethodStep::Circuits, MethodStep::Distances, MethodStep::Interference, MethodStep::Law})
            QVERIFY(page->openButton(step)->isEnabled());
        QVERIFY(!page->openButton(MethodStep::Reshape)->isEnabled());
        QCOMPARE(page->stateLabel(MethodStep::Reshape)->text(), QStringLiteral("not run"));
        QCOMPARE(runKinds(ProjectStore::open(dir.filePath("demo.redit").toStdString(), ProjectStore::Mode::ReadOnly)), before);
    }
};

QTEST_MAIN(TestFirstHour)
#include "test_first_hour.moc"
