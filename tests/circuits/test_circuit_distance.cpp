// Circuit distances: hand-computed cases, optimal transport against its closed form (0/1 cost) and against
// a brute-force enumeration of the transport polytope's vertices, symmetry and identity.
#include <QtTest>

#include <cmath>
#include <limits>
#include <random>

#include "circuits/distance.h"
#include "util/error.h"

using namespace redit;

namespace {

Circuit circuit(std::vector<int64_t> edges, std::vector<double> weights) { return {std::move(edges), std::move(weights)}; }

// Minimum cost over the vertices of the transport polytope {T >= 0, row sums a, column sums b}: each vertex
// is supported on m + n - 1 cells forming a spanning tree, whose flows follow by peeling rows and columns
// with a single unknown cell.
double bruteForceTransport(const std::vector<double>& a, const std::vector<double>& b,
                           const std::vector<std::vector<double>>& cost) {
    const size_t m = a.size(), n = b.size(), cells = m * n, basis = m + n - 1;
    double best = std::numeric_limits<double>::infinity();
    for (uint32_t subset = 0; subset < (1u << cells); ++subset) {
        if (size_t(__builtin_popcount(subset)) != basis) continue;
        std::vector<double> rowLeft = a, colLeft = b, flow(cells, 0.0);
        std::vector<char> open(cells, 0);
        for (size_t c = 0; c < cells; ++c) open[c] = (subset >> c) & 1;
        bool progress = true;
        size_t solved = 0;
        while (progress && solved < basis) {
            progress = false;
            for (size_t line = 0; line < m + n; ++line) {
                std::vector<size_t> unknown;
                for (size_t k = 0; k < (line < m ? n : m); ++k) {
                    const size_t c = line < m ? line * n + k : k * n + (line - m);
                    if (open[c]) unknown.push_back(c);
                }
                if (unknown.size() != 1) continue;
                const size_t c = unknown[0], i = c / n, j = c % n;
                flow[c] = line < m ? rowLeft[i] : colLeft[j];
                rowLeft[i] -= flow[c];
                colLeft[j] -= flow[c];
                open[c] = 0;
                ++solved;
                progress = true;
            }
        }
        if (solved != basis) continue;  // the cells contain a cycle: not a basis
        bool feasible = true;
        double total = 0;
        for (size_t c = 0; c < cells; ++c) {
            feasible = feasible && flow[c] >= -1e-12;
            total += flow[c] * cost[c / n][c % n];
        }
        for (double r : rowLeft) feasible = feasible && std::abs(r) < 1e-12;
        for (double r : colLeft) feasible = feasible && std::abs(r) < 1e-12;
        if (feasible) best = std::min(best, total);
    }
    return best;
}

std::vector<double> randomDistribution(std::mt19937_64& rng, size_t n) {
    std::uniform_real_distribution<double> u(0.05, 1.0);
    std::vector<double> p(n);
    double total = 0;
    for (double& x : p) total += (x = u(rng));
    for (double& x : p) x /= total;
    return p;
}

}  // namespace

class TestCircuitDistance : public QObject {
    Q_OBJECT

private slots:
    void jaccardByHand() {
        QCOMPARE(jaccardDistance(circuit({1, 2, 3}, {1, 1, 1}), circuit({2, 3, 4, 5}, {1, 1, 1, 1})), 1.0 - 2.0 / 5.0);
        QCOMPARE(jaccardDistance(circuit({}, {}), circuit({}, {})), 0.0);
        QCOMPARE(jaccardDistance(circuit({7}, {1}), circuit({7}, {-5})), 0.0);  // sets only
    }

    void weightedEditByHand() {
        // A: e1 0.5, e2 0.5 (|-2| counts); B: e2 0.25, e3 0.75 -> (0.5 + 0.25 + 0.75) / 2.
        const Circuit a = circuit({1, 2}, {2, -2}), b = circuit({2, 3}, {1, 3});
        QCOMPARE(weightedEditDistance(a, b), 0.75);
        QCOMPARE(weightedEditDistance(b, a), 0.75);
        QCOMPARE(weightedEditDistance(a, a), 0.0);
        QCOMPARE(weightedEditDistance(a, circuit({5}, {1})), 1.0);
        QVERIFY_THROWS_EXCEPTION(ConfigError, weightedEditDistance(a, circuit({}, {})));
        QVERIFY_THROWS_EXCEPTION(ConfigError, weightedEditDistance(a, circuit({1}, {0})));
    }

    void zeroOneTransportIsTheWeightedEditDistance() {
        std::mt19937_64 rng(11);
        std::uniform_real_distribution<double> weight(-1, 1);
        for (int trial = 0; trial < 20; ++trial) {
            Circuit a, b;
            for (int64_t e = 0; e < 12; ++e) {
                if (rng() % 2) a.edges.push_back(e), a.weights.push_back(weight(rng));
                if (rng() % 2) b.edges.push_back(e), b.weights.push_back(weight(rng));
            }
            if (a.edges.empty() || b.edges.empty()) continue;
            // Both on the common support of the 12 edges, solved with the 0/1 cost by the network simplex.
            auto spread = [](const Circuit& c) {
                std::vector<double> p(12, 0.0);
                double total = 0;
                for (double w : c.weights) total += std::abs(w);
                for (size_t i = 0; i < c.size(); ++i) p[size_t(c.edges[i])] = std::abs(c.weights[i]) / total;
                return p;
            };
            const double solved = earthMoverDistance(spread(a), spread(b), [](size_t i, size_t j) { return int64_t(i != j); });
            QVERIFY(std::abs(solved - transportDistanceZeroOne(a, b)) < 1e-9);
            QCOMPARE(transportDistanceZeroOne(a, b), weightedEditDistance(a, b));
        }
    }

    void networkSimplexMatchesBruteForce() {
        std::mt19937_64 rng(5);
        for (auto [m, n] : {std::pair<size_t, size_t>{2, 2}, {2, 3}, {3, 2}, {3, 3}}) {
            for (int trial = 0; trial < 5; ++trial) {
                const std::vector<double> a = randomDistribution(rng, m), b = randomDistribution(rng, n);
                std::vector<std::vector<double>> cost(m, std::vector<double>(n));
                for (auto& row : cost)
                    for (double& c : row) c = double(rng() % 10);
                const double solved = earthMoverDistance(a, b, [&](size_t i, size_t j) { return int64_t(cost[i][j]); });
                const double brute = bruteForceTransport(a, b, cost);
                QVERIFY2(std::abs(solved - brute) < 1e-9, qPrintable(QString("%1 vs %2").arg(solved).arg(brute)));
            }
        }
        // Hand-solved: masses 1/2, 1/2 at positions 0, 1 moved to 1, 2 with cost |x - y|: every unit moves by 1.
        QVERIFY(std::abs(earthMoverDistance({0.5, 0.5}, {0.5, 0.5}, [](size_t i, size_t j) {
                             return std::abs(int64_t(i) - int64_t(j + 1));
                         }) - 1.0) < 1e-12);
        QVERIFY_THROWS_EXCEPTION(ConfigError, earthMoverDistance({0.5, 0.4}, {1.0}, [](size_t, size_t) { return int64_t(0); }));
        QVERIFY_THROWS_EXCEPTION(ConfigError, earthMoverDistance({1.5, -0.5}, {1.0}, [](size_t, size_t) { return int64_t(0); }));
    }

    void layerTransportByHand() {
        const CircuitGraph g({2, 1, 1});
        auto edge = [&](const char* u, const char* v) { return *g.edgeIndex(*g.findUpstream(u), *g.findDownstream(v)); };
        // input (depth 0) -> a0.h0<q> (depth 1) against m1 (depth 2) -> logits (depth 3): (2 + 2) / (2 * 2).
        const Circuit first = circuit({edge("input", "a0.h0<q>")}, {1});
        const Circuit last = circuit({edge("m1", "logits")}, {-3});
        QVERIFY(std::abs(transportDistanceLayers(g, first, last) - 1.0) < 1e-12);
        QCOMPARE(layerGroundCost(g, g.edge(first.edges[0]), g.edge(last.edges[0])), 1.0);
        // Half the mass stays at input -> logits, half moves from input -> a0.h0<q> there: 1/2 * 2/4.
        const Circuit split = circuit({edge("input", "a0.h0<q>"), edge("input", "logits")}, {1, 1});
        const Circuit logits = circuit({edge("input", "logits")}, {2});
        QVERIFY(std::abs(transportDistanceLayers(g, split, logits) - 0.25) < 1e-12);
        // Different edges between the same depths cost nothing (a pseudometric), unlike the edit distance.
        const Circuit key = circuit({edge("input", "a0.g0<k>")}, {1});
        QVERIFY(std::abs(transportDistanceLayers(g, first, key)) < 1e-12);
        QCOMPARE(weightedEditDistance(first, key), 1.0);
    }

    void layerTransportIsSymmetricWithZeroSelfDistance() {
        const CircuitGraph g({4, 4, 2});
        std::mt19937_64 rng(3);
        std::uniform_real_distribution<double> weight(-1, 1);
        auto randomCircuit = [&] {
            Circuit c;
            for (int64_t e = 0; e < g.edgeCount(); ++e)
                if (rng() % 20 == 0) c.edges.push_back(e), c.weights.push_back(weight(rng));
            return c;
        };
        for (int trial = 0; trial < 5; ++trial) {
            const Circuit a = randomCircuit(), b = randomCircuit();
            const double ab = transportDistanceLayers(g, a, b);
            QVERIFY(std::abs(ab - transportDistanceLayers(g, b, a)) < 1e-9);
            QVERIFY(std::abs(transportDistanceLayers(g, a, a)) < 1e-12);
            QVERIFY(ab >= 0 && ab <= 1);
            QVERIFY(ab <= weightedEditDistance(a, b) + 1e-9);  // every ground cost is at most 1
        }
    }
};

QTEST_GUILESS_MAIN(TestCircuitDistance)
#include "test_circuit_distance.moc"
