#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QLineSeries>
#include <QSettings>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QtTest>
#include <QChart>
#include <QComboBox>
#include <QProgressBar>
#include <cmath>

#include "../pipeline/pipeline_fixture.h"
#include "views/circuit_compare_view.h"
#include "views/circuit_panel.h"
#include "views/circuit_selection_widget.h"
#include "adapters/project_contents_reader.h"
#include "views/circuit_view.h"
#include "views/distance_heatmap.h"
#include "views/interference_scatter.h"
#include "gui_test_helpers.h"
#include "jobs/stage_registry.h"
#include "main_window.h"
#include "results/circuit_records.h"
#include "results/law_records.h"
#include "analysis/pattern_distances.h"
#include "pipeline/pattern_scores.h"
#include "views/project_explorer.h"
#include "adapters/project_views.h"
#include "export/report.h"
#include "views/results_view.h"
#include "views/run_comparison_view.h"
#include "models/run_workflow.h"
#include "store/metrics.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "adapters/store_project_controller.h"
#include "util/error.h"

using namespace redit;
using namespace redit::gui;

// The workbench over a real project file: opening it, double-clicking finished runs in the explorer, the
// heatmap's click into the circuit compare view, comparing two runs and writing reports.
class TestWorkbenchPaths : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    QString project;
    StageRegistry registry;
    int64_t circuitsRun = 0, distancesRun = 0, interferenceRun = 0, compareRun = 0, trainA = 0, trainB = 0;

    static QTreeWidgetItem* runItem(MainWindow& window, int64_t id) {
        QTreeWidgetItem* runs = window.projectExplorer()->group(ProjectExplorer::Runs);
        for (int i = 0; i < runs->childCount(); ++i)
            if (runs->child(i)->text(0).startsWith(QStringLiteral("#%1 ").arg(id))) return runs->child(i);
        return nullptr;
    }

    static void doubleClick(MainWindow& window, QTreeWidgetItem* item) {
        ProjectExplorer* explorer = window.projectExplorer();
        explorer->expandItem(item->parent());
        explorer->scrollToItem(item);
        const QPoint at = explorer->visualItemRect(item).center();
        // QTest's double click does not carry the press the view needs first (as a real double click does).
        QTest::mousePress(explorer->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseRelease(explorer->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(explorer->viewport(), Qt::LeftButton, {}, at);
    }

    template <typename View>
    static View* currentView(MainWindow& window) {
        return qobject_cast<View*>(window.tabs()->currentWidget());
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("REditTest");
        QCoreApplication::setApplicationName("test_workbench_paths");
        QSettings().clear();
        project = dir.filePath("paths.redit");

        const testing::TinyPipelineModel tiny = testing::tinyPipelineModel();
        pipeline::PatternScoreOptions options;
        options.pairs.count = 4;
        const auto scores = pipeline::scorePatterns(*tiny.model, tiny.tokenizer, tiny.patterns, options)->patterns;
        const GraphShape shape = GraphShape::of(tiny.model->config());
        ProjectStore store = ProjectStore::create(project.toStdString());
        circuitsRun = results::saveCircuitRun(store, NewRun{}, shape, scores);
        const results::CircuitRun circuits = results::loadCircuitRun(store, circuitsRun);
        distancesRun = results::saveDistanceRun(store, NewRun{}, circuits,
                                                 analysis::patternDistances(redit::CircuitGraph(shape), circuits.patterns, {0.3}));
        results::InterferenceResult interference;  // Delta(i -> j) = 0.1 (i + 1) + 0.05 j
        for (size_t i = 0; i < scores.size(); ++i) {
            interference.patterns.push_back(scores[i].patternId);
            interference.baseAccuracy.push_back(0.2);
            interference.editedAccuracy.emplace_back();
            for (size_t j = 0; j < scores.size(); ++j)
                interference.editedAccuracy[i].push_back(0.2 + 0.1 * double(i + 1) + 0.05 * double(j));
        }
        interferenceRun = results::saveInterferenceRun(store, NewRun{}, interference);
        NewRun compare;
        compare.kind = "compare";
        compareRun = createRun(store, compare);
        std::vector<nlohmann::json> rows;
        for (int seed : {0, 1})
            for (const char* method : {"LoRA", "REdit"})
                rows.push_back({{"level", 1}, {"method", method}, {"seed", seed}, {"pattern", "p"}, {"raw", 0.5},
                                {"generality", 0.5 + 0.1 * seed}, {"locality", 0.9}, {"transfer", false}});
        appendResultRows(store, compareRun, "edit_outcomes", rows);
        setRunStatus(store, compareRun, redit::RunStatus::Finished);
        for (double lr : {0.01, 0.02}) {
            NewRun train;
            train.kind = "train";
            train.config = {{"params", {{"lr", lr}, {"steps", 3}}}};
            const int64_t id = createRun(store, train);
            for (int step = 0; step < 3; ++step) appendMetric(store, id, step, "loss", lr * (3 - step));
            setRunStatus(store, id, redit::RunStatus::Finished);
            (trainA ? trainB : trainA) = id;
        }
    }

    void cleanupTestCase() { QSettings().clear(); }

    void welcomeGoesWhileAProjectIsOpen() {
        StoreProjectController controller(registry, {dir.filePath("demo.redit"), dir.filePath("none")});
        MainWindow window;
        window.setProjectController(&controller);
        window.setRunController(&controller);
        QCOMPARE(window.tabs()->count(), 1);
        QCOMPARE(window.tabs()->tabText(0), QStringLiteral("Welcome"));
        QVERIFY(window.openProjectFile(project));
        QCOMPARE(window.tabs()->count(), 1);  // a project opens on its overview
        QCOMPARE(window.tabs()->tabText(0), QStringLiteral("Overview"));
        window.runWorkflow()->showDetails(QString::number(trainA));
        QCOMPARE(window.tabs()->count(), 2);
        QString question;
        testing::answerNextMessageBox(&question);
        QMetaObject::invokeMethod(&window, [&] {
            for (QAction* a : window.findChildren<QAction*>())
                if (a->text() == QStringLiteral("&Close Project")) a->trigger();
        });
        QTRY_COMPARE(window.tabs()->count(), 1);
        QCOMPARE(window.tabs()->tabText(0), QStringLiteral("Welcome"));
        // Opened again, the project opens on a new overview.
        QVERIFY(window.openProjectFile(project));
        QCOMPARE(window.tabs()->count(), 1);
        QCOMPARE(window.tabs()->tabText(0), QStringLiteral("Overview"));
    }

    void doubleClickedRunsOpenTheirStoredData() {
        StoreProjectController controller(registry, {dir.filePath("demo.redit"), dir.filePath("none")});
        MainWindow window;
        window.setProjectController(&controller);
        window.setRunController(&controller);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openProjectFile(project));
        const ProjectStore store = ProjectStore::open(project.toStdString(), ProjectStore::Mode::ReadOnly);

        QTreeWidgetItem* distances = runItem(window, distancesRun);
        QVERIFY(distances);
        doubleClick(window, distances);
        QTRY_VERIFY(currentView<DistanceHeatmap>(window));  // read on a worker thread
        auto* heatmap = currentView<DistanceHeatmap>(window);
        const PatternDistances expected = patternDistancesOf(results::loadDistanceRows(store, distancesRun));
        QCOMPARE(heatmap->distances().patterns, expected.patterns);
        QCOMPARE(heatmap->distances().metrics.size(), expected.metrics.size());
        for (size_t m = 0; m < expected.metrics.size(); ++m)
            QCOMPARE(heatmap->distances().metrics[m].values, expected.metrics[m].values);

        // A click on a cell opens its two patterns in the compare view, at the heatmap metric's budget.
        heatmap->setMetric(QString::fromStdString(results::distanceKey("jaccard", 0.3)));
        emit heatmap->pairClicked(0, 2);
        auto* compare = currentView<CircuitCompareView>(window);
        QVERIFY(compare);
        const QStringList& patterns = expected.patterns;
        const CircuitComparison backend = loadCircuitComparison(store, circuitsRun, patterns[0].toStdString(), circuitsRun,
                                                                patterns[2].toStdString(), 0.3);
        QCOMPARE(compare->comparison().budget, 0.3);
        QCOMPARE(compare->comparison().distances, backend.distances);
        const MergedCircuit merged = mergeCircuits(backend.a, backend.b);
        QCOMPARE(compare->merged().shared, merged.shared);
        QCOMPARE(compare->merged().onlyB, merged.onlyB);
        QTRY_VERIFY(!compare->view()->isLayingOut());
        QCOMPARE(compare->view()->drawnEdgeCount(), int(merged.graph.edges.size()));
        QStringList texts;  // the legend is part of the picture
        for (QGraphicsItem* item : compare->figureScene()->items())
            if (auto* text = dynamic_cast<QGraphicsSimpleTextItem*>(item)) texts << text->text();
        QVERIFY(texts.contains(QStringLiteral("shared (%1)").arg(merged.shared)));
        QVERIFY(texts.join('\n').contains(compare->distanceText()));

        // A click on a scatter point opens its pattern pair at the scatter's budget.
        doubleClick(window, runItem(window, interferenceRun));
        QTRY_VERIFY(currentView<InterferenceScatter>(window));
        auto* scatter = currentView<InterferenceScatter>(window);
        emit scatter->pairClicked(patterns[1], patterns[0]);
        auto* fromScatter = currentView<CircuitCompareView>(window);
        QVERIFY(fromScatter && fromScatter != compare);
        QCOMPARE(fromScatter->comparison().labelA, QStringLiteral("Run #%1: %2").arg(circuitsRun).arg(patterns[1]));
        QCOMPARE(fromScatter->comparison().labelB, QStringLiteral("Run #%1: %2").arg(circuitsRun).arg(patterns[0]));
        QCOMPARE(fromScatter->comparison().budget, scatter->budget().toDouble());

        // The compare run opens the Results view with its per-seed means.
        doubleClick(window, runItem(window, compareRun));
        QTRY_VERIFY(currentView<ResultsView>(window));
        auto* results = currentView<ResultsView>(window);
        const std::vector<EditResult> stored = loadRunResults(store, compareRun).edits;
        QCOMPARE(results->results().size(), stored.size());
        for (size_t i = 0; i < stored.size(); ++i) {
            QCOMPARE(results->results()[i].method, stored[i].method);
            QCOMPARE(results->results()[i].generality, stored[i].generality);
        }
        QCOMPARE(results->summaryTable()->model()->rowCount(), 2);  // LoRA, REdit
    }

    void doubleClickedCircuitOpensTheCircuitView() {
        StoreProjectController controller(registry, {dir.filePath("demo.redit"), dir.filePath("none")});
        MainWindow window;
        window.setProjectController(&controller);
        window.setRunController(&controller);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openProjectFile(project));
        const ProjectStore store = ProjectStore::open(project.toStdString(), ProjectStore::Mode::ReadOnly);
        const std::string pattern = results::loadCircuitRun(store, circuitsRun).patterns[1].patternId;

        // The explorer lists the circuit as "pattern (#run)"; a double click opens it like showCircuit.
        QTreeWidgetItem* circuits = window.projectExplorer()->group(ProjectExplorer::Circuits);
        QTreeWidgetItem* item = nullptr;
        for (int i = 0; i < circuits->childCount(); ++i)
            if (circuits->child(i)->text(0) == circuitLabel(QString::fromStdString(pattern), circuitsRun))
                item = circuits->child(i);
        QVERIFY(item);
        doubleClick(window, item);
        QTRY_VERIFY(currentView<CircuitPanel>(window));  // read on a worker thread
        QCOMPARE(window.tabs()->tabText(window.tabs()->currentIndex()),
                 QStringLiteral("Run #%1: %2").arg(circuitsRun).arg(QString::fromStdString(pattern)));

        // Its edge table lists the stored circuit's edges under the default selection (top 50).
        auto* panel = currentView<CircuitPanel>(window);
        const EdgeSelection selection = panel->selectionWidget()->selection();
        QCOMPARE(selection.mode, EdgeSelection::Mode::TopN);
        QCOMPARE(selection.value, 50.0);
        const gui::DrawnCircuit expected = selectEdges(loadRunCircuit(store, circuitsRun, pattern, 0.3), selection);
        QVERIFY(!expected.edges.empty());
        const QAbstractItemModel* table = panel->edgeTable()->model();
        QCOMPARE(table->rowCount(), int(expected.edges.size()));
        QSet<QString> shown, stored;
        for (int r = 0; r < table->rowCount(); ++r)
            shown << QStringLiteral("%1>%2:%3").arg(table->index(r, 0).data().toString(), table->index(r, 1).data().toString())
                         .arg(table->index(r, 2).data().toDouble());
        for (const CircuitEdge& e : expected.edges) stored << QStringLiteral("%1>%2:%3").arg(e.from, e.to).arg(e.score);
        QCOMPARE(shown, stored);

        // A split half ("p/A") opens its pattern's circuit (the same tab).
        for (int i = 0; i < circuits->childCount(); ++i)
            if (circuits->child(i)->text(0) == circuitLabel(QString::fromStdString(pattern + "/A"), circuitsRun))
                item = circuits->child(i);
        QVERIFY(item->text(0).contains(QStringLiteral("/A")));
        const int tabs = window.tabs()->count();
        doubleClick(window, item);
        QTRY_VERIFY(!window.runWorkflow()->isLoading());
        QCOMPARE(window.tabs()->count(), tabs);
        QVERIFY(currentView<CircuitPanel>(window));
    }

    void resultsAreReadOnAWorkerThread() {
        StoreProjectController controller(registry, {dir.filePath("demo.redit"), dir.filePath("none")});
        MainWindow window;
        window.setProjectController(&controller);
        window.setRunController(&controller);
        window.show();
        QVERIFY(window.openProjectFile(project));
        RunWorkflow* runs = window.runWorkflow();
        auto* busy = window.findChild<QProgressBar*>("loadingIndicator");
        QVERIFY(busy && busy->isHidden());

        // The call returns before the read ends (its result is delivered through the event loop).
        runs->showResults(QString::number(compareRun));
        QVERIFY(runs->isLoading());
        QVERIFY(busy->isVisible());
        QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("run #%1").arg(compareRun)));
        QCOMPARE(window.tabs()->count(), 1);  // the overview
        QTRY_VERIFY(currentView<ResultsView>(window));
        QVERIFY(!runs->isLoading());
        QVERIFY(busy->isHidden());

        // A run without a view opens its details; a failed read names the run in a message.
        runs->showResults(QString::number(trainA));
        QTRY_COMPARE(window.tabs()->tabText(window.tabs()->currentIndex()), QStringLiteral("Run #%1").arg(trainA));
        QString problem;
        testing::answerNextMessageBox(&problem, QMessageBox::Ok);
        runs->showResults(QStringLiteral("999"));
        QTRY_VERIFY(problem.contains(QStringLiteral("run #999")));
        QCOMPARE(window.tabs()->count(), 3);
    }

    void twoRunsSideBySide() {
        StoreProjectController controller(registry, {dir.filePath("demo.redit"), dir.filePath("none")});
        MainWindow window;
        window.setProjectController(&controller);
        window.setRunController(&controller);
        QVERIFY(window.openProjectFile(project));
        RunComparisonView* view = window.runWorkflow()->showRunComparison(QString::number(trainA), QString::number(trainB));
        QVERIFY(view);
        QStringList differing;
        for (const RunFieldRow& row : view->rows())
            if (row.differs && row.field.startsWith(QLatin1String("params."))) differing << row.field;
        QCOMPARE(differing, QStringList({"params.lr"}));  // the only config difference
        auto* model = qobject_cast<QStandardItemModel*>(view->table()->model());
        for (int r = 0; r < model->rowCount(); ++r) {
            const bool highlighted = model->item(r, 1)->font().bold();
            QCOMPARE(highlighted, view->rows()[size_t(r)].differs);
        }
        QCOMPARE(view->metricBox()->currentText(), QStringLiteral("loss"));
        const QList<QAbstractSeries*> series = view->chart()->series();
        QCOMPARE(series.size(), 2);
        for (QAbstractSeries* s : series) QCOMPARE(static_cast<QLineSeries*>(s)->count(), 3);
        QCOMPARE(static_cast<QLineSeries*>(series[1])->at(0).y(), 0.02 * 3);
    }

    void reportsOfARunAndOfTheProject() {
        StoreProjectController controller(registry, {dir.filePath("demo.redit"), dir.filePath("none")});
        MainWindow window;
        window.setProjectController(&controller);
        window.setRunController(&controller);
        window.show();  // charts get their size from the laid-out window
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openProjectFile(project));
        window.runWorkflow()->showResults(QString::number(distancesRun));
        window.runWorkflow()->showResults(QString::number(compareRun));
        QTRY_COMPARE(window.tabs()->count(), 3);  // and the overview

        const ReportContent run = window.runWorkflow()->reportContent(QString::number(distancesRun));
        QCOMPARE(run.runs.size(), size_t(1));
        QCOMPARE(run.figures.size(), size_t(1));  // the distances heatmap, not the results chart
        const QString html = dir.filePath("run.html");
        writeReport(run, html);
        const QString text = QString::fromUtf8(testing::fileBytes(html));
        QVERIFY(text.contains(QStringLiteral("&quot;circuits_run&quot;: %1").arg(circuitsRun)));  // the config
        QVERIFY(text.contains(QStringLiteral("<img src=\"data:image/svg+xml;base64,")));
        QVERIFY(text.contains(QStringLiteral("Run #%1: distances").arg(distancesRun)));

        const ReportContent whole = window.runWorkflow()->reportContent();
        QCOMPARE(whole.runs.size(), size_t(6));
        QCOMPARE(whole.figures.size(), size_t(2));
        QCOMPARE(whole.tables.size(), size_t(1));  // the results' paper table
        const QString pdf = dir.filePath("project.pdf");
        writeReport(whole, pdf);
        const QByteArray bytes = testing::fileBytes(pdf);
        QVERIFY(bytes.startsWith("%PDF-"));
        const QRegularExpressionMatch pages = QRegularExpression(QStringLiteral("/Type /Pages\\s*/Kids\\s*\\[[^\\]]*\\]\\s*/Count (\\d+)"))
                                                  .match(QString::fromLatin1(bytes));
        QVERIFY2(pages.hasMatch(), "no page tree");
        QVERIFY(pages.captured(1).toInt() >= 2);  // two figures and five runs do not fit one A4 page
        QVERIFY(bytes.size() > 10000);  // text and two images
        QVERIFY_THROWS_EXCEPTION(FileError, writeReport(whole, dir.filePath("report.docx")));
    }
};

QTEST_MAIN(TestWorkbenchPaths)
#include "test_workbench_paths.moc"
