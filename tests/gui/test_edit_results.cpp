#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QtTest>
#include <set>
#include <cmath>
#include <map>
#include <optional>

#include "models/edit_results.h"
#include "jobs/stage_registry.h"
#include "main_window.h"
#include "adapters/method_overview_reader.h"
#include "adapters/project_edit_results.h"
#include "views/project_explorer.h"
#include "adapters/project_views.h"
#include "models/results_chart_colours.h"
#include "export/results_export.h"
#include "views/results_view.h"
#include "models/run_workflow.h"
#include "store/project_merge.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "adapters/store_project_controller.h"
#include "temp_dir.h"
#include "util/error.h"

using namespace redit;
using namespace redit::gui;

// A compare run's edit_outcomes rows, written here into a temporary project, read back as the Results view's
// per-seed means and paper-style table; the expected numbers are computed in the test from the rows it wrote.
// A second project holds what `redit pipeline` writes, one compare run per level, plus an older level-1 run:
// its Project Results show both levels from the newest run of each.
class TestEditResults : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    std::optional<ProjectStore> store;
    int64_t compareRun = 0;
    std::vector<nlohmann::json> rows;
    QString pipelineProject;
    int64_t olderLevel1 = 0, level1 = 0, level2 = 0;
    std::vector<nlohmann::json> shownRows;  // the rows of level1 and level2

    // Writes a finished compare run of one level: two methods (REdit also as transfer), two seeds, two
    // patterns; `offset` sets the run's values apart.
    static int64_t pipelineRun(ProjectStore& project, int level, double offset, std::vector<nlohmann::json>* written) {
        std::vector<nlohmann::json> levelRows;
        for (int seed : {0, 1})
            for (const char* pattern : {"a", "b"}) {
                const double base = offset + 0.1 * level + 0.07 * seed + (pattern[0] == 'a' ? 0.0 : 0.04);
                levelRows.push_back(outcome(level, "Raw", seed, pattern, base, std::nullopt));
                levelRows.push_back(outcome(level, "REdit", seed, pattern, base + 0.3, 0.9 - 0.05 * seed));
                levelRows.push_back(outcome(level, "REdit", seed, pattern, base + 0.2, 0.8, true));
            }
        NewRun run;
        run.kind = "compare";
        const int64_t id = createRun(project, run);
        appendResultRows(project, id, "edit_outcomes", levelRows);
        setRunStatus(project, id, redit::RunStatus::Finished);
        if (written) written->insert(written->end(), levelRows.begin(), levelRows.end());
        return id;
    }

    // Per (method label, level): the mean over seeds of the mean over patterns of `field`, in percent, from rows.
    static std::map<std::pair<std::string, int>, double> expectedMeans(const std::vector<nlohmann::json>& rows,
                                                                       const char* field) {
        std::map<std::tuple<std::string, int, int>, std::pair<double, int>> perSeed;
        for (const nlohmann::json& r : rows) {
            if (r[field].is_null()) continue;
            const std::string label = r["method"].get<std::string>() + (r["transfer"].get<bool>() ? " (transfer)" : "");
            auto& [sum, n] = perSeed[{label, r["level"].get<int>(), r["seed"].get<int>()}];
            sum += r[field].get<double>();
            ++n;
        }
        std::map<std::pair<std::string, int>, std::pair<double, int>> overSeeds;
        for (const auto& [key, value] : perSeed) {
            auto& [sum, n] = overSeeds[{std::get<0>(key), std::get<1>(key)}];
            sum += 100 * value.first / value.second;
            ++n;
        }
        std::map<std::pair<std::string, int>, double> means;
        for (const auto& [key, value] : overSeeds) means[key] = value.first / value.second;
        return means;
    }

    static QAction* actionNamed(const QMainWindow& window, const QString& text) {
        for (QAction* action : window.findChildren<QAction*>())
            if (action->text() == text) return action;
        return nullptr;
    }

    static nlohmann::json outcome(int level, const std::string& method, int seed, const std::string& pattern,
                                  double generality, std::optional<double> locality, bool transfer = false) {
        return {{"level", level},           {"method", method},
                {"seed", seed},             {"pattern", pattern},
                {"raw", 0.5},               {"generality", generality},
                {"locality", locality ? nlohmann::json(*locality) : nlohmann::json()},
                {"transfer", transfer}};
    }

private slots:
    void initTestCase() {
        // Two levels, two seeds, three patterns; "Raw" without locality; REdit also as transfer.
        const char* patterns[] = {"sd1-01", "sd1-02", "sd1-03"};
        for (int level : {1, 2})
            for (int seed : {0, 1})
                for (int p = 0; p < 3; ++p) {
                    const double base = 0.1 * p + 0.05 * seed + 0.2 * (level - 1);
                    rows.push_back(outcome(level, "Raw", seed, patterns[p], base, std::nullopt));
                    rows.push_back(outcome(level, "REdit", seed, patterns[p], 0.6 + base / 2, 0.9 - 0.01 * p * seed));
                    rows.push_back(outcome(level, "REdit", seed, patterns[p], 0.4 + base / 3, 0.8, true));
                }
        store.emplace(ProjectStore::create(testing::pathIn(dir, "p.redit")));
        NewRun run;
        run.kind = "compare";
        compareRun = createRun(*store, run);
        appendResultRows(*store, compareRun, "edit_outcomes", rows);
        setRunStatus(*store, compareRun, redit::RunStatus::Finished);

        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("REditTest");
        QCoreApplication::setApplicationName("test_edit_results");
        QSettings().clear();
        pipelineProject = dir.filePath("pipeline.redit");
        ProjectStore pipeline = ProjectStore::create(pipelineProject.toStdString());
        olderLevel1 = pipelineRun(pipeline, 1, 0.3, nullptr);  // superseded: its values must not show
        level1 = pipelineRun(pipeline, 1, 0.0, &shownRows);
        level2 = pipelineRun(pipeline, 2, 0.0, &shownRows);
        NewRun failed;  // a failed compare run at level 2 is not a result
        failed.kind = "compare";
        const int64_t failedRun = createRun(pipeline, failed);
        appendResultRows(pipeline, failedRun, "edit_outcomes", {outcome(2, "Raw", 0, "a", 0.99, std::nullopt)});
        setRunStatus(pipeline, failedRun, redit::RunStatus::Failed, "stopped");
    }

    void cleanupTestCase() { QSettings().clear(); }

    void perSeedValuesAreMeansOverPatterns() {
        struct Sum {
            double g = 0, l = 0;
            int n = 0, nl = 0;
        };
        std::map<std::tuple<std::string, int, int>, Sum> expected;
        for (const nlohmann::json& r : rows) {
            const std::string label = r["method"].get<std::string>() + (r["transfer"].get<bool>() ? " (transfer)" : "");
            Sum& s = expected[{label, r["level"].get<int>(), r["seed"].get<int>()}];
            s.g += r["generality"].get<double>();
            ++s.n;
            if (!r["locality"].is_null()) s.l += r["locality"].get<double>(), ++s.nl;
        }
        const RunResults results = loadRunResults(*store, compareRun);
        QCOMPARE(results.view, RunResults::View::Results);
        QCOMPARE(results.edits.size(), expected.size());
        QCOMPARE(results.edits.size(), size_t(12));  // 3 method labels x 2 levels x 2 seeds
        for (const EditResult& e : results.edits) {
            const auto it = expected.find({e.method.toStdString(), e.level, e.seed});
            QVERIFY2(it != expected.end(), qPrintable(e.method));
            QVERIFY(std::abs(e.generality - 100 * it->second.g / it->second.n) < 1e-9);
            if (it->second.nl == 0) QVERIFY(std::isnan(e.locality));
            else QVERIFY(std::abs(e.locality - 100 * it->second.l / it->second.nl) < 1e-9);
        }
        QCOMPARE(results.edits.front().method, QStringLiteral("Raw"));
        QCOMPARE(results.edits[4].method, QStringLiteral("REdit"));  // each label's levels and seeds together
        QCOMPARE(results.edits[8].method, QStringLiteral("REdit (transfer)"));
    }

    // Side-by-side processes commit the costliest chunks first; the tables still list Raw, LoRA, ..., the
    // ablations, then the transfer rows, each label's levels and seeds in order.
    void methodsComeInTheirOwnOrderWhateverTheRowOrder() {
        std::vector<nlohmann::json> finished;
        for (int seed : {1, 0}) {
            finished.push_back(outcome(1, "REdit w/o meta-learning", seed, "a", 1.0, 0.5));
            finished.push_back(outcome(1, "REdit w/o meta-learning", seed, "b", 1.0, 0.5, true));
            finished.push_back(outcome(1, "REdit", seed, "a", 1.0, 0.6));
            finished.push_back(outcome(1, "AlphaEdit", seed, "a", 0.9, 0.9));
            finished.push_back(outcome(1, "LoRA", seed, "b", 1.0, 0.4, true));
            finished.push_back(outcome(1, "LoRA", seed, "a", 1.0, 0.4));
            finished.push_back(outcome(1, "Raw", seed, "a", 0.8, std::nullopt));
        }
        const std::vector<EditResult> edits = editResultsOf(finished);
        QStringList order;
        for (const EditResult& e : edits) order << QStringLiteral("%1 %2").arg(e.method).arg(e.seed);
        QCOMPARE(order, (QStringList{"Raw 0", "Raw 1", "LoRA 0", "LoRA 1", "AlphaEdit 0", "AlphaEdit 1", "REdit 0", "REdit 1",
                                     "REdit w/o meta-learning 0", "REdit w/o meta-learning 1", "LoRA (transfer) 0",
                                     "LoRA (transfer) 1", "REdit w/o meta-learning (transfer) 0",
                                     "REdit w/o meta-learning (transfer) 1"}));
        std::vector<EditResult> shuffled(edits.rbegin(), edits.rend());  // runs merged in another order
        QStringList methods;
        for (const ResultsSummaryCell& c : summarizeResults(shuffled)) methods << c.method;
        QCOMPARE(methods, (QStringList{"Raw", "LoRA", "AlphaEdit", "REdit", "REdit w/o meta-learning", "LoRA (transfer)",
                                       "REdit w/o meta-learning (transfer)"}));
    }

    void summaryIsMeanAndSampleStdOverSeeds() {
        const std::vector<EditResult> edits = loadRunResults(*store, compareRun).edits;
        const std::vector<ResultsSummaryCell> cells = summarizeResults(edits);
        QCOMPARE(cells.size(), size_t(6));
        for (const ResultsSummaryCell& c : cells) {
            std::vector<double> g;
            for (const EditResult& e : edits)
                if (e.method == c.method && e.level == c.level) g.push_back(e.generality);
            QCOMPARE(g.size(), size_t(2));
            const double mean = (g[0] + g[1]) / 2;
            const double std = std::abs(g[0] - g[1]) / std::sqrt(2.0);  // n - 1 = 1
            QCOMPARE(c.generality.n, 2);
            QVERIFY(std::abs(c.generality.mean - mean) < 1e-9);
            QVERIFY(std::abs(c.generality.std - std) < 1e-9);
            QCOMPARE(c.locality.n, c.method == QLatin1String("Raw") ? 0 : 2);
        }
    }

    void viewShowsThePaperTableAndExportsIt() {
        ResultsView view;
        view.setResults(loadRunResults(*store, compareRun).edits);
        auto* model = qobject_cast<QStandardItemModel*>(view.summaryTable()->model());
        QCOMPARE(model->rowCount(), 3);      // Raw, REdit, REdit (transfer)
        QCOMPARE(model->columnCount(), 5);  // method, then generality and locality for levels 1 and 2
        const ResultsSummaryCell& redit1 = view.summary()[2];
        QCOMPARE(redit1.method, QStringLiteral("REdit"));
        QCOMPARE(model->item(1, 1)->text(),
                 QStringLiteral("%1 ± %2").arg(redit1.generality.mean, 0, 'f', 1).arg(redit1.generality.std, 0, 'f', 1));
        QCOMPARE(model->item(0, 2)->text(), QStringLiteral("–"));  // Raw has no locality

        const QString tex = view.tableText(true);
        QVERIFY(tex.contains(QStringLiteral("\\multicolumn{2}{c}{Level 2}")));
        QVERIFY(tex.contains(QStringLiteral("REdit (transfer) & $")));
        QVERIFY(tex.contains(QStringLiteral("Raw & $")));
        QVERIFY(tex.contains(QStringLiteral(" & --")));
        const QStringList csv = view.tableText(false).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(csv.size(), 7);  // header and 6 cells
        QCOMPARE(csv[1], QStringLiteral("Raw,1,%1,%2,,,2")
                             .arg(view.summary()[0].generality.mean, 0, 'f', 1)
                             .arg(view.summary()[0].generality.std, 0, 'f', 1));
    }

    void overviewCountsEachMethodOnce() {
        // Raw and REdit, REdit also with transfer rows: two methods, REdit's figure over its reshaped rows.
        const MethodOverview overview = loadMethodOverview(*store);
        const auto generality = expectedMeans(rows, "generality"), locality = expectedMeans(rows, "locality");
        const double g = (generality.at({"REdit", 1}) + generality.at({"REdit", 2})) / 2;
        const double l = (locality.at({"REdit", 1}) + locality.at({"REdit", 2})) / 2;
        QCOMPARE(overview.status(MethodStep::Compare).figure,
                 QString("2 methods; REdit: generality %1%, locality %2%").arg(g, 0, 'f', 1).arg(l, 0, 'f', 1));
    }

    void badRowsAreNamed() {
        std::vector<nlohmann::json> bad = {rows[0], rows[1]};
        bad[1].erase("generality");
        try {
            editResultsOf(bad);
            QFAIL("no error for a row without generality");
        } catch (const ConfigError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("row 1: field 'generality'")), e.what());
        }
        NewRun empty;
        empty.kind = "compare";
        const int64_t id = createRun(*store, empty);
        setRunStatus(*store, id, redit::RunStatus::Finished);
        QVERIFY_THROWS_EXCEPTION(ConfigError, loadRunResults(*store, id));
    }

    void projectResultsTakeEachLevelFromItsNewestRun() {
        const ProjectEditResults results =
            loadProjectEditResults(ProjectStore::open(pipelineProject.toStdString(), ProjectStore::Mode::ReadOnly));
        QCOMPARE(results.levels.size(), size_t(2));
        QCOMPARE(results.levels[0].level, 1);
        QCOMPARE(results.levels[0].run, level1);
        QCOMPARE(results.levels[0].superseded, std::vector<qint64>{olderLevel1});
        QCOMPARE(results.levels[1].level, 2);
        QCOMPARE(results.levels[1].run, level2);
        QVERIFY(results.levels[1].superseded.empty());
        const QString note = projectEditResultsNote(results);
        QVERIFY2(note.contains(QStringLiteral("level 1 from run #%1").arg(level1)), qPrintable(note));
        QVERIFY2(note.contains(QStringLiteral("level 2 from run #%1").arg(level2)), qPrintable(note));
        QVERIFY2(note.contains(QStringLiteral("older run(s) #%1, not shown").arg(olderLevel1)), qPrintable(note));

        const auto generality = expectedMeans(shownRows, "generality");
        const auto locality = expectedMeans(shownRows, "locality");
        const std::vector<ResultsSummaryCell> cells = summarizeResults(results.edits);
        QCOMPARE(cells.size(), generality.size());  // 3 method labels x 2 levels
        for (const ResultsSummaryCell& c : cells) {
            const std::pair<std::string, int> key{c.method.toStdString(), c.level};
            QVERIFY2(generality.count(key), qPrintable(c.method));
            QVERIFY(std::abs(c.generality.mean - generality.at(key)) < 1e-9);
            QCOMPARE(c.locality.n, locality.count(key) ? 2 : 0);
            if (c.locality.n) QVERIFY(std::abs(c.locality.mean - locality.at(key)) < 1e-9);
        }
    }

    // Three cells of a sweep over seeds x lora_lr, each its own project with one compare run of one seed, collected
    // into a project as `redit sweep collect` does (mergeProjects with the cell's record as provenance). The
    // newest cell's seeds are pooled with the cell of the other seed at the same lora_lr; the cell at another
    // lora_lr is not averaged in.
    void sweepCellsOverSeedsArePooled() {
        const QString target = dir.filePath("collected.redit");
        ProjectStore project = ProjectStore::create(target.toStdString());
        struct Cell {
            int seed;
            double lr;
            double offset;
        };
        std::vector<nlohmann::json> pooledRows;
        const Cell cells[] = {{0, 0.01, 0.3}, {0, 0.001, 0.0}, {1, 0.001, 0.1}};
        for (int index = 0; index < 3; ++index) {
            const Cell& cell = cells[index];
            const QString path = dir.filePath(QStringLiteral("cell-%1.redit").arg(index));
            std::vector<nlohmann::json> cellRows;
            {
                ProjectStore cellProject = ProjectStore::create(path.toStdString());
                for (const char* pattern : {"a", "b"}) {
                    const double base = cell.offset + (pattern[0] == 'a' ? 0.0 : 0.04);
                    cellRows.push_back(outcome(1, "Raw", cell.seed, pattern, base, std::nullopt));
                    cellRows.push_back(outcome(1, "REdit", cell.seed, pattern, base + 0.3, 0.9 - 0.05 * cell.seed));
                }
                NewRun run;
                run.kind = "compare";
                const int64_t id = createRun(cellProject, run);
                appendResultRows(cellProject, id, "edit_outcomes", cellRows);
                setRunStatus(cellProject, id, redit::RunStatus::Finished);
            }
            if (cell.lr == 0.001) pooledRows.insert(pooledRows.end(), cellRows.begin(), cellRows.end());
            const nlohmann::json provenance = {{"sweep_id", "5eed"}, {"sweep", "seeds-and-lr"}, {"cell", index},
                                               {"values", {{"params.lora_lr", cell.lr}, {"params.seeds", {cell.seed}}}}};
            mergeProjects(project, {{path.toStdString(), provenance}});
        }
        const ProjectEditResults results = loadProjectEditResults(project);
        QCOMPARE(results.levels.size(), size_t(1));
        QCOMPARE(results.levels[0].run, qint64(3));
        QCOMPARE(results.levels[0].pooled, std::vector<qint64>{2});
        QCOMPARE(results.levels[0].superseded, std::vector<qint64>{1});
        const QString note = projectEditResultsNote(results);
        QVERIFY2(note.contains(QStringLiteral("level 1 from the 2 cells of sweep \"seeds-and-lr\" (runs #3, #2, seeds pooled)")),
                 qPrintable(note));
        QVERIFY2(note.contains(QStringLiteral("older run(s) #1, not shown")), qPrintable(note));

        // Mean and spread over the two pooled seeds, computed here from the rows written.
        const auto generality = expectedMeans(pooledRows, "generality");
        const std::vector<ResultsSummaryCell> summary = summarizeResults(results.edits);
        QCOMPARE(summary.size(), size_t(2));
        for (const ResultsSummaryCell& c : summary) {
            QCOMPARE(c.generality.n, 2);
            QVERIFY(std::abs(c.generality.mean - generality.at({c.method.toStdString(), 1})) < 1e-9);
            QVERIFY(c.generality.std > 0);
        }
    }

    void projectResultsOpenFromTheViewMenuAndTheExplorer() {
        StageRegistry registry;
        StoreProjectController controller(registry, {dir.filePath("demo.redit"), dir.filePath("none")});
        MainWindow window;
        window.setProjectController(&controller);
        window.setRunController(&controller);
        QVERIFY(window.openProjectFile(pipelineProject));
        QVERIFY(!window.projectExplorer()->resultsEntry()->isHidden());  // the project has finished compare runs

        QAction* action = actionNamed(window, QStringLiteral("Project Re&sults"));
        QVERIFY(action);
        action->trigger();
        ResultsView* view = nullptr;
        QTRY_VERIFY((view = qobject_cast<ResultsView*>(window.tabs()->currentWidget())));
        QCOMPARE(window.tabs()->tabText(window.tabs()->currentIndex()), QStringLiteral("Project results"));
        QVERIFY(view->note().contains(QStringLiteral("#%1").arg(olderLevel1)));
        QVERIFY(view->findChild<QLabel*>() && !view->note().isEmpty());

        // The paper table has both levels side by side; the chart one category group per level.
        auto* model = qobject_cast<QStandardItemModel*>(view->summaryTable()->model());
        QCOMPARE(model->columnCount(), 5);
        QCOMPARE(model->horizontalHeaderItem(3)->text(), QStringLiteral("L2 Generality"));
        const auto generality = expectedMeans(shownRows, "generality");
        for (int row = 0; row < model->rowCount(); ++row)
            for (int level : {1, 2}) {
                const double mean = generality.at({model->item(row, 0)->text().toStdString(), level});
                QVERIFY(model->item(row, 2 * level - 1)->text().startsWith(QString::number(mean, 'f', 1) + " ±"));
            }
        auto* axis = qobject_cast<QBarCategoryAxis*>(view->chart()->axes(Qt::Horizontal).value(0));
        QVERIFY(axis);
        QCOMPARE(axis->categories(), QStringList({"Level 1", "Level 2"}));

        // The explorer's Results entry opens the view again once its tab is closed.
        const int tabs = window.tabs()->count();
        delete view;
        QCOMPARE(window.tabs()->count(), tabs - 1);
        emit window.projectExplorer()->itemActivated(window.projectExplorer()->resultsEntry(), 0);
        QTRY_VERIFY((view = qobject_cast<ResultsView*>(window.tabs()->currentWidget())));
        QCOMPARE(window.tabs()->tabText(window.tabs()->currentIndex()), QStringLiteral("Project results"));
        QCOMPARE(view->summary().size(), size_t(6));
        QVERIFY(!window.runWorkflow()->isLoading());
    }

    void transferMethodsGetALighterShadeAndNoColourRepeats() {
        std::vector<EditResult> edits;
        QStringList bases;
        for (int m = 0; m < 9; ++m) {  // more sets than a chart theme has colours
            bases << QStringLiteral("Method %1").arg(m);
            for (bool transfer : {false, true})
                edits.push_back({editMethodLabel(bases.back(), transfer), 1, 0, 50.0, 90.0});
        }
        ResultsView view;
        view.setResults(edits);
        auto* series = qobject_cast<QBarSeries*>(view.chart()->series().value(0));
        QVERIFY(series);
        QCOMPARE(series->count(), 18);
        std::set<QRgb> colours;
        for (QBarSet* set : series->barSets()) colours.insert(set->color().rgb());
        QCOMPARE(colours.size(), size_t(18));
        for (int i = 0; i < series->count(); i += 2) {
            const QColor base = series->barSets()[i]->color();
            const QColor transfer = series->barSets()[i + 1]->color();
            QCOMPARE(series->barSets()[i + 1]->label(), series->barSets()[i]->label() + " (transfer)");
            QVERIFY(transfer != base);
            QVERIFY(transfer.lightness() > base.lightness());
            QVERIFY(std::abs(transfer.hue() - base.hue()) <= 1);  // the same hue, up to rounding
        }
        // A transfer label's colour follows its base method wherever it appears.
        const std::vector<QColor> colours2 = methodColours({"REdit (transfer)", "LoRA", "REdit"});
        QCOMPARE(colours2[0], methodColours({"REdit (transfer)"})[0]);
        QVERIFY(colours2[0] != colours2[2] && colours2[1] != colours2[2]);
    }
};

QTEST_MAIN(TestEditResults)
#include "test_edit_results.moc"
