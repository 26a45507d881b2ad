#include <QStandardItemModel>
#include <QTableView>
#include <QtTest>
#include <cmath>
#include <map>
#include <optional>

#include "edit_results.h"
#include "project_views.h"
#include "results_export.h"
#include "results_view.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "temp_dir.h"
#include "util/error.h"

using namespace redit;
using namespace redit::gui;

// A compare run's edit_outcomes rows, written here into a temporary project, read back as the Results view's
// per-seed means and paper-style table; the expected numbers are computed in the test from the rows it wrote.
class TestEditResults : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    std::optional<ProjectStore> store;
    int64_t compareRun = 0;
    std::vector<nlohmann::json> rows;

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
    }

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
        QCOMPARE(results.edits[2].method, QStringLiteral("REdit (transfer)"));
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
};

QTEST_MAIN(TestEditResults)
#include "test_edit_results.moc"
