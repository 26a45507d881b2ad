// A pattern's circuit, by hand on a 2-layer, 1-head graph:
//   upstream   input, a0.h0, m0, a1.h0, m1
//   downstream a0.h0<q>, a0.g0<k>, a0.g0<v>, m0, a1.h0<q>, a1.g0<k>, a1.g0<v>, m1, logits
#include <QtTest>

#include <cmath>

#include "circuits/circuit.h"
#include "util/error.h"

using namespace redit;

namespace {

const CircuitGraph kGraph({2, 1, 1});

int64_t edgeOf(const char* u, const char* v) { return *kGraph.edgeIndex(*kGraph.findUpstream(u), *kGraph.findDownstream(v)); }

struct Weights {
    std::vector<double> w = std::vector<double>(size_t(kGraph.edgeCount()), 0.0);
    Weights& set(const char* u, const char* v, double value) {
        w[size_t(edgeOf(u, v))] = value;
        return *this;
    }
};

std::vector<int64_t> sorted(std::vector<int64_t> v) {
    std::sort(v.begin(), v.end());
    return v;
}

Circuit circuitOf(std::vector<int64_t> edges) {
    Circuit c;
    c.edges = sorted(std::move(edges));
    c.weights.assign(c.edges.size(), 1.0);
    return c;
}

}  // namespace

class TestCircuitSelection : public QObject {
    Q_OBJECT

private slots:
    void meanKeepsTheSign() {
        std::vector<double> m = meanScores({{1.0, -2.0, 3.0}, {3.0, -4.0, -3.0}});
        QCOMPARE(m, (std::vector<double>{2.0, -3.0, 0.0}));
        QCOMPARE(rankByMagnitude(m), (std::vector<int64_t>{1, 0, 2}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, meanScores({}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, meanScores({{1.0}, {1.0, 2.0}}));
    }

    void topNTopFractionAndThreshold() {
        Weights w;
        w.set("input", "a0.h0<q>", 0.5).set("a0.h0", "logits", -3).set("m0", "logits", 2).set("input", "m1", 1);
        SelectionOptions top{SelectionMode::TopN, 2, false};
        Circuit c = selectCircuit(kGraph, w.w, top);
        QCOMPARE(c.edges, sorted({edgeOf("a0.h0", "logits"), edgeOf("m0", "logits")}));
        QCOMPARE(c.weights[size_t(std::find(c.edges.begin(), c.edges.end(), edgeOf("a0.h0", "logits")) - c.edges.begin())], -3.0);
        // input -> all 9; a0.h0 -> m0, layer 1 (4), logits; m0 -> layer 1, logits; a1.h0 -> m1, logits; m1 -> logits.
        QCOMPARE(kGraph.edgeCount(), int64_t(9 + (1 + 4 + 1) + (4 + 1) + (1 + 1) + 1));
        // ceil(0.15 * 23) = 4 edges.
        QCOMPARE(selectCircuit(kGraph, w.w, {SelectionMode::TopFraction, 0.15, false}).size(), size_t(4));
        QCOMPARE(selectCircuit(kGraph, w.w, {SelectionMode::Threshold, 1.0, false}).edges,
                 sorted({edgeOf("a0.h0", "logits"), edgeOf("m0", "logits"), edgeOf("input", "m1")}));
    }

    void pruningRemovesDanglingEdgesUntilStable() {
        // Kept: input -> a0.h0<q> and input -> a0.g0<k> (read by a0.h0), a0.h0 -> logits. Dropped: m0 -> logits
        // (nothing feeds m0), input -> a1.h0<q> and a0.h0 -> a1.h0<q> (a1.h0 feeds nothing).
        Circuit c = circuitOf({edgeOf("input", "a0.h0<q>"), edgeOf("a0.h0", "logits"), edgeOf("m0", "logits"),
                               edgeOf("input", "a1.h0<q>"), edgeOf("a0.h0", "a1.h0<q>"), edgeOf("input", "a0.g0<k>")});
        QCOMPARE(pruneDangling(kGraph, c).edges,
                 sorted({edgeOf("input", "a0.h0<q>"), edgeOf("a0.h0", "logits"), edgeOf("input", "a0.g0<k>")}));

        // input -> a0.h0<q>, a0.h0 -> a1.h0<v>, a1.h0 -> m1 (its input), nothing out of m1: the chain unravels one
        // edge per round from the end until nothing is left.
        Circuit chain = circuitOf({edgeOf("input", "a0.h0<q>"), edgeOf("a0.h0", "a1.g0<v>"), edgeOf("a1.h0", "m1")});
        QVERIFY(pruneDangling(kGraph, chain).edges.empty());
        // The same chain ending in the logits survives whole; one reaching through m0 needs m0 fed.
        chain.edges.push_back(edgeOf("m1", "logits"));
        chain.weights.push_back(1.0);
        QCOMPARE(pruneDangling(kGraph, chain).size(), size_t(4));
        Circuit unfed = circuitOf({edgeOf("m0", "a1.h0<q>"), edgeOf("a1.h0", "logits")});
        QVERIFY(pruneDangling(kGraph, unfed).edges.empty());
    }

    void selectionPrunesByDefault() {
        Weights w;
        w.set("m0", "logits", 5).set("input", "a1.h0<q>", 4).set("input", "logits", 1);
        QCOMPARE(selectCircuit(kGraph, w.w, {SelectionMode::TopN, 3}).edges, std::vector<int64_t>{edgeOf("input", "logits")});
    }

    void greedyGrowsBackwardsFromTheLogits() {
        // The largest edges overall (input -> a1.h0<q>: 9, a0.h0 -> m0: 7) do not reach the logits at first;
        // greedy takes a1.h0 -> logits (5), which opens a1.h0's inputs, then input -> a1.h0<q> (9).
        Weights w;
        w.set("input", "a1.h0<q>", 9).set("a0.h0", "m0", -7).set("a1.h0", "logits", 5).set("m1", "logits", 1);
        QCOMPARE(selectCircuit(kGraph, w.w, {SelectionMode::TopN, 2, false}).edges,
                 sorted({edgeOf("input", "a1.h0<q>"), edgeOf("a0.h0", "m0")}));
        QCOMPARE(selectCircuit(kGraph, w.w, {SelectionMode::Greedy, 2}).edges,
                 sorted({edgeOf("input", "a1.h0<q>"), edgeOf("a1.h0", "logits")}));
        // With a third edge, m1 -> logits (1) beats every edge into a1.h0's other inputs (0).
        QCOMPARE(selectCircuit(kGraph, w.w, {SelectionMode::Greedy, 3, false}).edges,
                 sorted({edgeOf("input", "a1.h0<q>"), edgeOf("a1.h0", "logits"), edgeOf("m1", "logits")}));
    }

    void rejectsBadOptions() {
        Weights w;
        QVERIFY_THROWS_EXCEPTION(ConfigError, selectCircuit(kGraph, {1.0, 2.0}, {}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, selectCircuit(kGraph, w.w, {SelectionMode::TopN, 2.5}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, selectCircuit(kGraph, w.w, {SelectionMode::TopN, 24}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, selectCircuit(kGraph, w.w, {SelectionMode::TopFraction, 0}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, selectCircuit(kGraph, w.w, {SelectionMode::Threshold, -1}));
        w.w[0] = std::nan("");
        QVERIFY_THROWS_EXCEPTION(ConfigError, selectCircuit(kGraph, w.w, {}));
    }
};

QTEST_GUILESS_MAIN(TestCircuitSelection)
#include "test_circuit_selection.moc"
