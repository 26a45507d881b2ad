// The edge graph: node names and order, edge counts against hand counts and an independent rule, the
// edge index mapping, and node-level aggregation.
#include <QtTest>

#include <numeric>

#include "circuits/graph.h"
#include "util/error.h"

using namespace redit;

namespace {

// Independent statement of "u is computed before v reads the residual stream", by time steps: the input is
// written at 0; layer l's heads read (q/k/v) and write at 2l + 1, its MLP reads and writes at 2l + 2; the
// logits read at 2L + 1. An edge needs write(u) < read(v).
int64_t writeTime(const CircuitGraph& g, int64_t u) {
    switch (g.upstreamKind(u)) {
        case UpstreamNodeKind::Input: return 0;
        case UpstreamNodeKind::Head: return 2 * g.upstreamLayer(u) + 1;
        case UpstreamNodeKind::Mlp: return 2 * g.upstreamLayer(u) + 2;
    }
    return -1;
}

int64_t readTime(const CircuitGraph& g, int64_t v) {
    switch (g.downstreamKind(v)) {
        case DownstreamNodeKind::Logits: return 2 * g.shape().layers + 1;
        case DownstreamNodeKind::Mlp: return 2 * g.downstreamLayer(v) + 2;
        default: return 2 * g.downstreamLayer(v) + 1;
    }
}

}  // namespace

class TestCircuitGraph : public QObject {
    Q_OBJECT

private slots:
    void handCountedSmallGraphs() {
        // 1 layer, 2 heads sharing 1 key/value head: input -> 6 downstream nodes; each head -> m0, logits;
        // m0 -> logits.
        CircuitGraph one({1, 2, 1});
        QCOMPARE(one.upstreamCount(), int64_t(4));
        QCOMPARE(one.downstreamCount(), int64_t(6));
        QCOMPARE(one.edgeCount(), int64_t(6 + 2 + 2 + 1));
        // 2 layers, 2 heads, 2 key/value heads (7 downstream nodes per layer, 15 in all): input -> 15; each
        // layer-0 head -> m0, layer 1, logits (9); m0 -> layer 1, logits (8); each layer-1 head -> m1, logits;
        // m1 -> logits.
        CircuitGraph two({2, 2, 2});
        QCOMPARE(two.edgeCount(), int64_t(15 + 2 * 9 + 8 + 2 * 2 + 1));
        QCOMPARE(countEdges({2, 2, 2}, Granularity::Edge), two.edgeCount());
        // Node granularity of the first: downstream a0.h0, a0.h1, m0, logits.
        CircuitGraph nodes({1, 2, 1}, Granularity::Node);
        QCOMPARE(nodes.downstreamCount(), int64_t(4));
        QCOMPARE(nodes.edgeCount(), int64_t(4 + 2 + 2 + 1));
    }

    void edgesFollowTheComputationOrder() {
        for (Granularity gran : {Granularity::Edge, Granularity::Node}) {
            CircuitGraph g({3, 4, 2}, gran);
            int64_t count = 0;
            for (int64_t u = 0; u < g.upstreamCount(); ++u)
                for (int64_t v = 0; v < g.downstreamCount(); ++v) {
                    const bool expected = writeTime(g, u) < readTime(g, v);
                    QCOMPARE(g.hasEdge(u, v), expected);
                    count += expected;
                }
            QCOMPARE(g.edgeCount(), count);
            QCOMPARE(countEdges(g.shape(), gran), count);
        }
    }

    void publishedModelSizes() {
        // Qwen2.5-3B: 36 layers, 16 query heads, 2 key/value heads. Its components (input, 576 heads, 36 MLPs,
        // logits) are the brief's 614 nodes.
        CircuitGraph qwen({36, 16, 2});
        QCOMPARE(qwen.upstreamCount() + 1, int64_t(614));
        QCOMPARE(qwen.downstreamCount(), int64_t(36 * (16 + 2 + 2 + 1) + 1));
        // With key/value inputs per key/value head (grouped-query attention as the model computes it) the graph
        // has 226,855 edges. The brief's "about 528k" counts a k and a v input per query head, as graphs built
        // on an ungrouped copy of the model do: that is the same formula with 16 key/value heads.
        QCOMPARE(qwen.edgeCount(), int64_t(226855));
        QCOMPARE(countEdges({36, 16, 16}, Granularity::Edge), int64_t(527743));
        // GPT-2 small (12 layers, 12 heads, no grouping): the brief's "about 32k".
        QCOMPARE(countEdges({12, 12, 12}, Granularity::Edge), int64_t(32491));
        QCOMPARE(CircuitGraph({36, 16, 2}, Granularity::Node).edgeCount(), int64_t(183871));
    }

    void edgeIndexRoundTrips() {
        CircuitGraph g({2, 4, 2});
        int64_t expected = 0;
        for (int64_t u = 0; u < g.upstreamCount(); ++u)
            for (int64_t v = 0; v < g.downstreamCount(); ++v) {
                if (!g.hasEdge(u, v)) {
                    QVERIFY(!g.edgeIndex(u, v));
                    continue;
                }
                QCOMPARE(*g.edgeIndex(u, v), expected);  // upstream-major order
                QVERIFY(g.edge(expected) == (Edge{u, v}));
                ++expected;
            }
        QCOMPARE(expected, g.edgeCount());
        QVERIFY_THROWS_EXCEPTION(ConfigError, g.edge(g.edgeCount()));
        QVERIFY_THROWS_EXCEPTION(ConfigError, g.edge(-1));
        QVERIFY_THROWS_EXCEPTION(ConfigError, g.hasEdge(g.upstreamCount(), 0));
    }

    void namesKindsAndReaders() {
        CircuitGraph g({2, 4, 2});
        QCOMPARE(g.upstreamName(0), std::string("input"));
        QCOMPARE(g.upstreamName(1), std::string("a0.h0"));
        QCOMPARE(g.upstreamName(5), std::string("m0"));
        QCOMPARE(g.downstreamName(g.logitsNode()), std::string("logits"));
        const int64_t k = *g.findDownstream("a1.g1<k>");
        QCOMPARE(int(g.downstreamKind(k)), int(DownstreamNodeKind::Key));
        QCOMPARE(g.downstreamLayer(k), int64_t(1));
        QCOMPARE(g.downstreamHead(k), int64_t(1));
        // Key/value group 1 of layer 1 is read by query heads 2 and 3 of that layer.
        QCOMPARE(g.readers(k), (std::vector<int64_t>{*g.findUpstream("a1.h2"), *g.findUpstream("a1.h3")}));
        const int64_t h3 = *g.findUpstream("a1.h3");
        QCOMPARE(g.inputsOf(h3), (std::vector<int64_t>{*g.findDownstream("a1.h3<q>"), k, *g.findDownstream("a1.g1<v>")}));
        QCOMPARE(g.upstreamHead(h3), int64_t(3));
        QCOMPARE(g.readers(*g.findDownstream("m1")), (std::vector<int64_t>{*g.findUpstream("m1")}));
        QVERIFY(g.readers(g.logitsNode()).empty());
        QVERIFY(!g.findUpstream("a2.h0"));
        QVERIFY(!g.findDownstream("a0.h0"));  // at edge granularity a head has q/k/v inputs, not one node
        for (int64_t v = 0; v < g.downstreamCount(); ++v) QCOMPARE(*g.findDownstream(g.downstreamName(v)), v);
    }

    void rejectsImpossibleShapes() {
        QVERIFY_THROWS_EXCEPTION(ConfigError, CircuitGraph({2, 3, 2}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, CircuitGraph({0, 2, 2}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, CircuitGraph({1, 2, 0}));
    }

    void nodeScoresShareKeyValueInputs() {
        CircuitGraph edges({1, 2, 1}), nodes({1, 2, 1}, Granularity::Node);
        std::vector<double> scores(size_t(edges.edgeCount()));
        std::iota(scores.begin(), scores.end(), 1.0);
        auto s = [&](const char* u, const char* v) { return scores[size_t(*edges.edgeIndex(*edges.findUpstream(u), *edges.findDownstream(v)))]; };
        std::vector<double> n = nodeScoresFromEdgeScores(edges, nodes, scores);
        auto at = [&](const char* u, const char* v) { return n[size_t(*nodes.edgeIndex(*nodes.findUpstream(u), *nodes.findDownstream(v)))]; };
        QCOMPARE(at("input", "a0.h1"), s("input", "a0.h1<q>") + (s("input", "a0.g0<k>") + s("input", "a0.g0<v>")) / 2);
        QCOMPARE(at("a0.h0", "m0"), s("a0.h0", "m0"));
        QCOMPARE(at("m0", "logits"), s("m0", "logits"));
        QCOMPARE(std::accumulate(n.begin(), n.end(), 0.0), std::accumulate(scores.begin(), scores.end(), 0.0));
        QVERIFY_THROWS_EXCEPTION(ConfigError, nodeScoresFromEdgeScores(edges, nodes, {1.0}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, nodeScoresFromEdgeScores(nodes, edges, scores));
    }
};

QTEST_GUILESS_MAIN(TestCircuitGraph)
#include "test_circuit_graph.moc"
