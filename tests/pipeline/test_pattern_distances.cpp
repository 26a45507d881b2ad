#include <QtTest>
#include <algorithm>
#include <random>
#include <set>

#include "results/circuit_records.h"
#include "results/law_records.h"
#include "analysis/pattern_distances.h"
#include "store/analysis.h"
#include "store/project_store.h"
#include "temp_dir.h"
#include "util/error.h"

using namespace redit;
using namespace redit::analysis;
using namespace redit::results;

class TestPatternDistances : public QObject {
    Q_OBJECT

    const GraphShape shape{2, 4, 2};
    const CircuitGraph graph{shape};

    std::vector<double> randomScores(uint64_t seed) const {
        std::mt19937_64 rng(seed);
        std::normal_distribution<double> normal;
        std::vector<double> scores(size_t(graph.edgeCount()));
        for (double& s : scores) s = normal(rng);
        return scores;
    }

    std::vector<PatternScores> threePatterns() const {
        std::vector<PatternScores> patterns;
        for (uint64_t p = 0; p < 3; ++p)
            patterns.push_back({"p" + std::to_string(p), 4, randomScores(10 * p), randomScores(10 * p + 1),
                                randomScores(10 * p + 2)});
        patterns[2].halfB = patterns[2].halfA;  // identical halves: same-pattern distance 0
        return patterns;
    }

    Circuit select(const std::vector<double>& scores, double budget, bool prune = true) const {
        return selectCircuit(graph, scores, {SelectionMode::TopFraction, budget, prune});
    }

private slots:
    void distancesAreSymmetricWithZeroSelfDistance() {
        for (uint64_t seed = 0; seed < 5; ++seed) {
            const Circuit a = select(randomScores(seed), 0.3, false), b = select(randomScores(seed + 100), 0.3, false);
            const std::vector<double> ab = circuitDistances(graph, a, b), ba = circuitDistances(graph, b, a);
            const std::vector<double> aa = circuitDistances(graph, a, a);
            QCOMPARE(ab.size(), distanceMetricNames().size());
            for (size_t m = 0; m < ab.size(); ++m) {
                QVERIFY(std::abs(ab[m] - ba[m]) < 1e-12);
                QVERIFY(std::abs(aa[m]) < 1e-12);
                QVERIFY(ab[m] >= 0 && ab[m] <= 1);
            }
            QVERIFY(ab[0] > 0);                        // different random circuits differ as sets
            QVERIFY(std::abs(ab[1] - ab[2]) < 1e-12);  // OT with the 0/1 cost is the weighted edit distance
        }
    }

    void everyPairAndEveryPatternsHalvesAtEveryBudget() {
        const std::vector<PatternScores> patterns = threePatterns();
        const std::vector<DistanceRow> rows = patternDistances(graph, patterns, {0.6, 0.9});
        QCOMPARE(rows.size(), size_t(2 * 4 * (3 + 3)));  // budgets x metrics x (3 pairs + 3 same-pattern)
        int same = 0;
        for (const DistanceRow& r : rows) {
            const size_t m = size_t(std::find(distanceMetricNames().begin(), distanceMetricNames().end(), r.metric) -
                                    distanceMetricNames().begin());
            QVERIFY(m < 4);
            const PatternScores& a = patterns[size_t(r.patternA[1] - '0')];
            const PatternScores& b = patterns[size_t(r.patternB[1] - '0')];
            const std::vector<double> want = r.samePattern()
                                                 ? circuitDistances(graph, select(a.halfA, r.budget), select(a.halfB, r.budget))
                                                 : circuitDistances(graph, select(a.all, r.budget), select(b.all, r.budget));
            QCOMPARE(r.value, want[m]);
            if (r.samePattern()) {
                ++same;
                if (r.patternA == "p2") QCOMPARE(r.value, 0.0);
            } else {
                QVERIFY(r.patternA < r.patternB);
            }
        }
        QCOMPARE(same, 2 * 4 * 3);
    }

    void budgetsOutsideTheUnitIntervalAreConfigErrors() {
        QVERIFY_THROWS_EXCEPTION(ConfigError, patternDistances(graph, threePatterns(), {0.0}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, patternDistances(graph, threePatterns(), {1.5}));
    }

    // At a budget of two edges most circuits are pruned to nothing. Without a list for the skipped patterns that
    // is an error; with one, each empty pattern is named and has no row at that budget, and every other pattern
    // keeps its same-pattern row and its rows with the others; the larger budget is untouched.
    void patternsWithEmptyCircuitsAreLeftOutOfThatBudget() {
        const double tiny = 2.0 / double(graph.edgeCount());
        QVERIFY_THROWS_EXCEPTION(ConfigError, patternDistances(graph, threePatterns(), {tiny}));
        std::vector<std::string> skipped;
        std::vector<DistanceRow> rows;
        try {
            rows = patternDistances(graph, threePatterns(), {tiny, 0.9}, &skipped);
        } catch (const ConfigError& e) {
            QFAIL(e.what());
        }
        QVERIFY(!skipped.empty());
        std::set<std::string> left;
        for (const std::string& note : skipped) {
            QVERIFY2(note.find("is empty after pruning dangling edges: its distances at this budget are left out") !=
                         std::string::npos, note.c_str());
            for (const char* p : {"p0", "p1", "p2"})
                if (note.find(std::string("pattern ") + p + " ") != std::string::npos) left.insert(p);
        }
        QCOMPARE(left.size(), skipped.size());  // one note per pattern left out
        std::set<std::string> sameAtTiny;
        for (const DistanceRow& r : rows) {
            if (r.budget != tiny) continue;
            QVERIFY(!left.count(r.patternA) && !left.count(r.patternB));
            if (r.patternA == r.patternB) sameAtTiny.insert(r.patternA);
        }
        QCOMPARE(sameAtTiny.size() + left.size(), size_t(3));
        const auto atLarge = std::count_if(rows.begin(), rows.end(), [](const DistanceRow& r) { return r.budget == 0.9; });
        QCOMPARE(size_t(atLarge), size_t(6 * 4));  // 3 same-pattern and 3 cross pairs, 4 metrics
    }

    void distanceRunRoundTripsThroughTheProject() {
        QTemporaryDir dir;
        ProjectStore store = ProjectStore::create(testing::pathIn(dir, "p.redit"));
        const int64_t circuitsRun = saveCircuitRun(store, NewRun{}, shape, threePatterns());
        const CircuitRun circuits = loadCircuitRun(store, circuitsRun);
        const std::vector<DistanceRow> rows = patternDistances(graph, circuits.patterns, {0.75});
        const int64_t runId = saveDistanceRun(store, NewRun{}, circuits, rows);

        const std::vector<DistanceRow> back = loadDistanceRows(store, runId);
        QCOMPARE(back.size(), rows.size());
        for (size_t i = 0; i < rows.size(); ++i) {
            QCOMPARE(back[i].patternA, rows[i].patternA);
            QCOMPARE(back[i].metric, rows[i].metric);
            QCOMPARE(back[i].value, rows[i].value);
        }
        const std::vector<CircuitDistance> stored = loadDistances(store, runId);
        QCOMPARE(stored.size(), rows.size());
        bool sawHalves = false;
        for (const CircuitDistance& d : stored) {
            QVERIFY(d.metric.size() > 5 && d.metric.substr(d.metric.size() - 5) == "@0.75");
            if (d.circuitA == circuits.circuitIds[0].halfA) {
                QCOMPARE(d.circuitB, circuits.circuitIds[0].halfB);
                sawHalves = true;
            }
        }
        QVERIFY(sawHalves);
        QVERIFY_THROWS_EXCEPTION(ConfigError, loadDistanceRows(store, circuitsRun));  // not a distances run
    }
};

QTEST_GUILESS_MAIN(TestPatternDistances)
#include "test_pattern_distances.moc"
