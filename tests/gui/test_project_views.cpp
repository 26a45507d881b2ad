#include <QtTest>
#include <cmath>
#include <set>

#include "../pipeline/pipeline_fixture.h"
#include "circuits/circuit.h"
#include "results/circuit_records.h"
#include "results/law_records.h"
#include "analysis/law_fit.h"
#include "analysis/pattern_distances.h"
#include "pipeline/pattern_scores.h"
#include "adapters/project_views.h"
#include "store/project_store.h"
#include "store/runs.h"
#include "temp_dir.h"
#include "util/error.h"

using namespace redit;
using namespace redit::gui;

// A tiny project made by the pipeline (circuits of a tiny random model, their distances, a hand-made
// interference result and the law fitted from both), read back into the views' structs.
class TestProjectViews : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    std::optional<ProjectStore> store;
    std::vector<results::PatternScores> scores;
    GraphShape shape;
    int64_t circuitsRun = 0, distancesRun = 0, interferenceRun = 0, lawRun = 0;
    const std::vector<double> budgets = {0.3, 0.5};
    // Delta(i -> j), i edited, j probed; cross-pattern Deltas >= 0.1: 0.2, 0.15 and 0.12.
    const double delta[3][3] = {{0.3, 0.05, 0.2}, {0.0, 0.4, 0.15}, {0.12, 0.02, 0.35}};

    static int countSamePattern(const InterferenceSet& set) {
        int n = 0;
        for (const InterferencePoint& p : set.points) n += p.samePattern();
        return n;
    }

private slots:
    void initTestCase() {
        const testing::TinyPipelineModel tiny = testing::tinyPipelineModel();
        pipeline::PatternScoreOptions options;
        options.pairs.count = 4;
        scores = pipeline::scorePatterns(*tiny.model, tiny.tokenizer, tiny.patterns, options)->patterns;
        QCOMPARE(scores.size(), size_t(3));
        shape = GraphShape::of(tiny.model->config());

        store.emplace(ProjectStore::create(testing::pathIn(dir, "p.redit")));
        circuitsRun = results::saveCircuitRun(*store, NewRun{}, shape, scores);
        const results::CircuitRun circuits = results::loadCircuitRun(*store, circuitsRun);
        distancesRun = results::saveDistanceRun(*store, NewRun{}, circuits,
                                                 analysis::patternDistances(redit::CircuitGraph(shape), circuits.patterns, budgets));
        results::InterferenceResult interference;
        interference.baseAccuracy = {0.5, 0.25, 0.5};
        for (size_t i = 0; i < 3; ++i) {
            interference.patterns.push_back(scores[i].patternId);
            interference.editedAccuracy.emplace_back();
            for (size_t j = 0; j < 3; ++j) interference.editedAccuracy[i].push_back(interference.baseAccuracy[j] + delta[i][j]);
        }
        interferenceRun = results::saveInterferenceRun(*store, NewRun{}, interference);
        NewRun law;
        law.config = {{"distances_run", distancesRun}, {"interference_run", interferenceRun}};
        lawRun = analysis::saveLawRun(
            *store, law, analysis::fitLaw(results::loadDistanceRows(*store, distancesRun), interference));
    }

    void circuitRunListsItsPatterns() {
        const RunResults results = loadRunResults(*store, circuitsRun);
        QCOMPARE(results.view, RunResults::View::Circuit);
        QCOMPARE(results.patterns.size(), 3);
        for (int p = 0; p < 3; ++p) QCOMPARE(results.patterns[p], QString::fromStdString(scores[size_t(p)].patternId));
    }

    void circuitIsTheSelectedPrunedCircuit() {
        const results::CircuitRun run = results::loadCircuitRun(*store, circuitsRun);
        const redit::CircuitGraph graph(shape);
        SelectionOptions options;
        options.mode = SelectionMode::TopFraction;
        options.value = 0.3;
        const Circuit circuit = selectCircuit(graph, run.patterns[1].all, options);
        QVERIFY(circuit.size() > 0);
        QVERIFY(circuit.size() <= size_t(std::ceil(0.3 * double(graph.edgeCount()))));

        const gui::DrawnCircuit view = loadRunCircuit(*store, circuitsRun, scores[1].patternId, 0.3);
        QCOMPARE(view.edges.size(), circuit.size());
        std::set<QString> touched;
        for (size_t e = 0; e < circuit.size(); ++e) {
            const Edge edge = graph.edge(circuit.edges[e]);
            QCOMPARE(view.edges[e].from, QString::fromStdString(graph.upstreamName(edge.upstream)));
            QCOMPARE(view.edges[e].to, QString::fromStdString(graph.downstreamName(edge.downstream)));
            QCOMPARE(view.edges[e].score, circuit.weights[e]);
            touched.insert(view.edges[e].from);
            touched.insert(view.edges[e].to);
        }
        QCOMPARE(view.nodes.size(), touched.size());  // each node once, an MLP's input and output merged
        for (const CircuitNode& node : view.nodes) {
            QVERIFY(touched.count(node.name));
            const auto expect = [&](const char* name, NodeKind kind, int layer) {
                return node.name != name || (node.kind == kind && node.layer == layer);
            };
            QVERIFY2(expect("input", NodeKind::Input, -1) && expect("logits", NodeKind::Logits, int(shape.layers)) &&
                         expect("m0", NodeKind::Mlp, 0) && expect("a1.h0", NodeKind::Head, 1),
                     qPrintable(node.name));
        }
        QVERIFY_THROWS_EXCEPTION(ConfigError, loadRunCircuit(*store, circuitsRun, "no-such-pattern", 0.3));
    }

    void distancesAreSymmetricMatricesPerMetricAndBudget() {
        const RunResults results = loadRunResults(*store, distancesRun);
        QCOMPARE(results.view, RunResults::View::Distances);
        const PatternDistances& d = results.distances;
        QCOMPARE(d.patterns.size(), 3);
        QCOMPARE(d.metrics.size(), analysis::distanceMetricNames().size() * budgets.size());
        QCOMPARE(d.metrics.front().metric, QString::fromStdString(results::distanceKey("jaccard", 0.3)));
        const std::vector<results::DistanceRow> rows = results::loadDistanceRows(*store, distancesRun);
        for (const DistanceMatrix& m : d.metrics) {
            QCOMPARE(m.values.size(), size_t(9));
            for (int a = 0; a < 3; ++a)
                for (int b = 0; b < 3; ++b) {
                    QVERIFY(std::isfinite(m.values[size_t(a * 3 + b)]));
                    QCOMPARE(m.values[size_t(a * 3 + b)], m.values[size_t(b * 3 + a)]);
                }
        }
        for (const results::DistanceRow& row : rows) {  // every stored value lands in its cell
            const int m = int(std::find_if(d.metrics.begin(), d.metrics.end(), [&](const DistanceMatrix& x) {
                                  return x.metric == QString::fromStdString(results::distanceKey(row.metric, row.budget));
                              }) - d.metrics.begin());
            QVERIFY(m < int(d.metrics.size()));
            const int a = int(d.patterns.indexOf(QString::fromStdString(row.patternA)));
            const int b = int(d.patterns.indexOf(QString::fromStdString(row.patternB)));
            QCOMPARE(d.metrics[size_t(m)].values[size_t(a * 3 + b)], row.value);
        }
    }

    void interferenceSetsHoldThePointsAndTheFit() {
        const RunResults results = loadRunResults(*store, interferenceRun);
        QCOMPARE(results.view, RunResults::View::Interference);
        QCOMPARE(results.interference.size(), 2 * analysis::distanceMetricNames().size() * budgets.size());
        const std::vector<results::DistanceRow> rows = results::loadDistanceRows(*store, distancesRun);
        for (const InterferenceSet& set : results.interference) {
            if (!set.referenceFilter) {
                QCOMPARE(set.points.size(), size_t(9));  // 6 cross-pattern, 3 same-pattern
                QCOMPARE(countSamePattern(set), 3);
                QCOMPARE(set.fit.n, 6);
            } else {
                QCOMPARE(set.points.size(), size_t(6));  // the 3 cross-pattern Deltas >= 0.1 and all same-pattern
                QCOMPARE(countSamePattern(set), 3);
                QCOMPARE(set.fit.n, 3);
            }
            // The line is the least-squares fit of the cross-pattern points on show.
            std::vector<double> x, y;
            for (const InterferencePoint& p : set.points)
                if (!p.samePattern()) x.push_back(p.distance), y.push_back(p.delta);
            bool constant = true;
            for (double v : x) constant = constant && v == x.front();
            if (constant) {
                QVERIFY(set.fit.band.empty());
                continue;
            }
            const LinearFit fit = fitLine(x, y);
            QVERIFY(std::abs(set.fit.beta - fit.slope) < 1e-9);
            QVERIFY(std::abs(set.fit.alpha - fit.intercept) < 1e-9);
            QCOMPARE(set.fit.band.size(), size_t(21));
            for (const InterferenceFit::BandPoint& b : set.fit.band) {
                const double line = set.fit.alpha + set.fit.beta * b.distance;
                QVERIFY(b.lower <= line + 1e-12 && line <= b.upper + 1e-12);
            }
        }
    }

    void lawRunShowsItsInputs() {
        const RunResults law = loadRunResults(*store, lawRun);
        const RunResults interference = loadRunResults(*store, interferenceRun);
        QCOMPARE(law.view, RunResults::View::Interference);
        QCOMPARE(law.interference.size(), interference.interference.size());
        for (size_t s = 0; s < law.interference.size(); ++s) {
            QCOMPARE(law.interference[s].metric, interference.interference[s].metric);
            QCOMPARE(law.interference[s].points.size(), interference.interference[s].points.size());
            QCOMPARE(law.interference[s].fit.beta, interference.interference[s].fit.beta);
        }
    }

    void circuitComparisonMatchesSetsAndStoredDistances() {
        const std::string a = scores[0].patternId, b = scores[2].patternId;
        const CircuitComparison c = loadCircuitComparison(*store, circuitsRun, a, circuitsRun, b, 0.3);
        // The edge sets of the two circuits as the circuit view loads them, compared by (from, to).
        std::set<std::pair<QString, QString>> setA, setB;
        for (const CircuitEdge& e : loadRunCircuit(*store, circuitsRun, a, 0.3).edges) setA.insert({e.from, e.to});
        for (const CircuitEdge& e : loadRunCircuit(*store, circuitsRun, b, 0.3).edges) setB.insert({e.from, e.to});
        int shared = 0;
        for (const auto& e : setA) shared += int(setB.count(e));
        const MergedCircuit merged = mergeCircuits(c.a, c.b);
        QCOMPARE(merged.shared, shared);
        QCOMPARE(merged.onlyA, int(setA.size()) - shared);
        QCOMPARE(merged.onlyB, int(setB.size()) - shared);
        QCOMPARE(merged.graph.edges.size(), setA.size() + setB.size() - size_t(shared));
        QVERIFY(merged.onlyA + merged.onlyB > 0);  // the fixture's patterns differ

        // The figures are the distances stage's for this pair and budget.
        QCOMPARE(c.distances.size(), analysis::distanceMetricNames().size());
        int matched = 0;
        for (const results::DistanceRow& row : results::loadDistanceRows(*store, distancesRun)) {
            if (row.budget != 0.3 || !((row.patternA == a && row.patternB == b) || (row.patternA == b && row.patternB == a)))
                continue;
            for (const auto& [metric, value] : c.distances)
                if (metric == QString::fromStdString(row.metric)) {
                    QVERIFY(std::abs(value - row.value) < 1e-9);
                    ++matched;
                }
        }
        QCOMPARE(matched, int(c.distances.size()));
        const double jaccard = 1.0 - double(shared) / double(setA.size() + setB.size() - size_t(shared));
        QVERIFY(std::abs(c.distances.front().second - jaccard) < 1e-9);

        // One pattern against itself: everything shared, every distance 0.
        const CircuitComparison same = loadCircuitComparison(*store, circuitsRun, a, circuitsRun, a, 0.3);
        QCOMPARE(mergeCircuits(same.a, same.b).onlyA + mergeCircuits(same.a, same.b).onlyB, 0);
        for (const auto& [metric, value] : same.distances) QVERIFY2(std::abs(value) < 1e-9, qPrintable(metric));
        QVERIFY_THROWS_EXCEPTION(ConfigError, loadCircuitComparison(*store, circuitsRun, a, circuitsRun, "nope", 0.3));
        QCOMPARE(loadRunResults(*store, distancesRun).circuitsRun, circuitsRun);
        QCOMPARE(loadRunResults(*store, interferenceRun).circuitsRun, circuitsRun);
    }

    void unfinishedAndOtherRunsShowNothing() {
        NewRun pending;
        pending.kind = "circuits";
        QCOMPARE(loadRunResults(*store, createRun(*store, pending)).view, RunResults::View::None);
        NewRun other;
        other.kind = "train";
        const int64_t id = createRun(*store, other);
        setRunStatus(*store, id, redit::RunStatus::Finished);
        QCOMPARE(loadRunResults(*store, id).view, RunResults::View::None);
    }
};

QTEST_GUILESS_MAIN(TestProjectViews)
#include "test_project_views.moc"
