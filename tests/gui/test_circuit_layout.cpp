// The layered circuit layout as a pure function: rows, order, spacing, curves; no drawing involved.
#include <QtTest>
#include <algorithm>
#include <random>

#include "models/circuit_layout_layered.h"
#include "models/synthetic_examples.h"

using namespace redit::gui;

class TestCircuitLayout : public QObject {
    Q_OBJECT

    // An edge-level circuit of two layers with 12 heads and 2 key/value groups, nodes in a scrambled order:
    // heads 2, 7 and 10 (their names sort as "a0.h10" < "a0.h2" < "a0.h7"), their query inputs, key and value
    // inputs, the MLPs, input and logits.
    static DrawnCircuit edgeLevelCircuit() {
        DrawnCircuit g;
        g.nodes = {{"logits", NodeKind::Logits, 2},
                   {"a1.h7<q>", NodeKind::Head, 1, 7, HeadPort::Query},
                   {"a0.h10", NodeKind::Head, 0, 10},
                   {"m1", NodeKind::Mlp, 1},
                   {"a1.g1<v>", NodeKind::Head, 1, 1, HeadPort::Value},
                   {"a0.h2", NodeKind::Head, 0, 2},
                   {"a1.g0<k>", NodeKind::Head, 1, 0, HeadPort::Key},
                   {"a1.h2<q>", NodeKind::Head, 1, 2, HeadPort::Query},
                   {"input", NodeKind::Input, -1},
                   {"a0.h7", NodeKind::Head, 0, 7},
                   {"m0", NodeKind::Mlp, 0},
                   {"a1.h7", NodeKind::Head, 1, 7}};
        g.edges = {{"input", "a0.h2", 0.4},     {"input", "a0.h10", -0.3},   {"a0.h2", "m0", 0.9},
                   {"a0.h7", "a1.h7<q>", 0.2},  {"a0.h10", "a1.g0<k>", 0.1}, {"m0", "a1.g1<v>", -0.5},
                   {"m0", "a1.h2<q>", 0.3},     {"a1.h7", "m1", 0.6},        {"m1", "logits", 0.8},
                   {"input", "a0.h7", 0.05},    {"a0.h7", "logits", -0.2}};
        return g;
    }

    static QRectF boxOf(const DrawnCircuit& g, const CircuitLayout& layout, const QString& name) {
        for (size_t i = 0; i < g.nodes.size(); ++i)
            if (g.nodes[i].name == name) return layout.nodes[i].box;
        return {};
    }

private slots:
    void everyNodeSitsInItsLayersRow() {
        const DrawnCircuit g = edgeLevelCircuit();
        const CircuitLayout layout = layeredLayout(g);
        QVERIFY(layout.error.isEmpty());
        QCOMPARE(layout.nodes.size(), g.nodes.size());
        QCOMPARE(layout.edges.size(), g.edges.size());
        auto y = [&](const char* name) { return boxOf(g, layout, name).center().y(); };
        // Top to bottom: input; layer 0 heads; layer 0 MLP; layer 1 q/k/v inputs; layer 1 heads; layer 1 MLP; logits.
        const QList<double> rows = {y("input"), y("a0.h2"), y("m0"), y("a1.h2<q>"), y("a1.h7"), y("m1"), y("logits")};
        for (int r = 1; r < rows.size(); ++r) QVERIFY2(rows[r - 1] < rows[r], qPrintable(QString::number(r)));
        QCOMPARE(y("a0.h7"), y("a0.h2"));
        QCOMPARE(y("a0.h10"), y("a0.h2"));
        QCOMPARE(y("a1.g0<k>"), y("a1.h2<q>"));
        QCOMPARE(y("a1.g1<v>"), y("a1.h2<q>"));
        // The rows the layout reports, with their labels, match the nodes' rows.
        QCOMPARE(layout.rows.size(), size_t(7));
        QCOMPARE(layout.rows[0].y, rows[0]);
        QCOMPARE(layout.rows[3].y, rows[3]);
        QCOMPARE(rowLabel(layout.rows[0]), QString("input"));
        QCOMPARE(rowLabel(layout.rows[1]), QString("L0 heads"));
        QCOMPARE(rowLabel(layout.rows[2]), QString("L0 MLP"));
        QCOMPARE(rowLabel(layout.rows[3]), QString("L1 q/k/v"));
        QCOMPARE(rowLabel(layout.rows[6]), QString("logits"));
        // Every edge of this circuit points down: from a higher row to a lower one.
        for (const CircuitEdge& e : g.edges)
            QVERIFY2(boxOf(g, layout, e.from).bottom() < boxOf(g, layout, e.to).top(), qPrintable(e.from + " " + e.to));
    }

    void aRowIsOrderedByHeadIndex() {
        const DrawnCircuit g = edgeLevelCircuit();
        const CircuitLayout layout = layeredLayout(g);
        auto x = [&](const char* name) { return boxOf(g, layout, name).center().x(); };
        QVERIFY(x("a0.h2") < x("a0.h7"));
        QVERIFY(x("a0.h7") < x("a0.h10"));
        // Queries by head, then keys, then values.
        QVERIFY(x("a1.h2<q>") < x("a1.h7<q>"));
        QVERIFY(x("a1.h7<q>") < x("a1.g0<k>"));
        QVERIFY(x("a1.g0<k>") < x("a1.g1<v>"));
    }

    void noTwoNodesOverlap() {
        for (int edges : {40, 2000}) {
            const DrawnCircuit g = syntheticCircuit(30, 9, edges, 5);
            const CircuitLayout layout = layeredLayout(g);
            for (size_t a = 0; a < g.nodes.size(); ++a) {
                QVERIFY(!layout.nodes[a].box.isEmpty());
                QVERIFY(layout.bounds.contains(layout.nodes[a].box));
                for (size_t b = a + 1; b < g.nodes.size(); ++b)
                    QVERIFY2(!layout.nodes[a].box.intersects(layout.nodes[b].box),
                             qPrintable(g.nodes[a].name + " and " + g.nodes[b].name));
            }
        }
    }

    void theSameCircuitGivesTheSameDrawing() {
        const DrawnCircuit g = syntheticCircuit(12, 9, 800, 3);
        const CircuitLayout first = layeredLayout(g);
        const CircuitLayout second = layeredLayout(g);
        for (size_t i = 0; i < g.nodes.size(); ++i) QCOMPARE(second.nodes[i].box, first.nodes[i].box);
        for (size_t j = 0; j < g.edges.size(); ++j) {
            QCOMPARE(second.edges[j].spline, first.edges[j].spline);
            QCOMPARE(second.edges[j].arrowHead, first.edges[j].arrowHead);
        }
        // The nodes' order in the input does not move them.
        DrawnCircuit shuffled = g;
        std::shuffle(shuffled.nodes.begin(), shuffled.nodes.end(), std::mt19937(1));
        const CircuitLayout third = layeredLayout(shuffled);
        for (size_t i = 0; i < shuffled.nodes.size(); ++i) {
            const auto same = std::find_if(g.nodes.begin(), g.nodes.end(),
                                           [&](const CircuitNode& n) { return n.name == shuffled.nodes[i].name; });
            QCOMPARE(third.nodes[i].box, first.nodes[size_t(same - g.nodes.begin())].box);
        }
    }

    void edgesAreCurvesFromTheSourcesBottomToTheTargetsTop() {
        const DrawnCircuit g = edgeLevelCircuit();
        const CircuitLayout layout = layeredLayout(g);
        for (size_t j = 0; j < g.edges.size(); ++j) {
            const QPainterPath& path = layout.edges[j].spline;
            QCOMPARE(path.elementCount(), 4);  // move, then one cubic (two control points and the end)
            QCOMPARE(path.elementAt(1).type, QPainterPath::CurveToElement);
            const QRectF from = boxOf(g, layout, g.edges[j].from), to = boxOf(g, layout, g.edges[j].to);
            const QPointF start = path.elementAt(0);
            QCOMPARE(start.y(), from.bottom());
            QVERIFY(start.x() > from.left() && start.x() < from.right());
            const QPolygonF& arrow = layout.edges[j].arrowHead;
            QCOMPARE(arrow.size(), 3);
            QCOMPARE(arrow[0].y(), to.top());  // the tip touches the target
            QVERIFY(arrow[0].x() > to.left() && arrow[0].x() < to.right());
            QCOMPARE(path.currentPosition().x(), arrow[0].x());
        }
        // Two edges leaving one node leave it at different points, ordered like their targets.
        const auto edgeTo = [&](const char* target) {
            for (size_t j = 0; j < g.edges.size(); ++j)
                if (g.edges[j].from == "m0" && g.edges[j].to == target) return layout.edges[j].spline.elementAt(0).x;
            return 0.0;
        };
        QVERIFY(edgeTo("a1.h2<q>") < edgeTo("a1.g1<v>"));
    }

    void aHeadKeepsItsColumnInEveryLayer() {
        const DrawnCircuit g = edgeLevelCircuit();
        const CircuitLayout layout = layeredLayout(g);
        auto x = [&](const char* name) { return boxOf(g, layout, name).center().x(); };
        QCOMPARE(x("a1.h7"), x("a0.h7"));     // head 7 of layers 0 and 1
        QCOMPARE(x("a1.h7<q>"), x("a1.h7"));  // its query input right above it
        QCOMPARE(x("a1.h2<q>"), x("a0.h2"));
        QCOMPARE(x("m1"), x("m0"));           // the MLPs in one column, right of the heads and key/value inputs
        QVERIFY(x("m0") > x("a1.g1<v>"));
        // The input and the logits in the middle, the unused head columns (0, 1, 3-6, 8, 9, 11) left out.
        QCOMPARE(x("input"), x("logits"));
        QVERIFY(x("input") > x("a0.h2") && x("input") < x("m0"));
        QVERIFY(layout.bounds.width() < 8 * boxOf(g, layout, "a1.h7<q>").width());
    }

    void headsWithoutAnIndexDoNotOverlap() {
        DrawnCircuit g;
        g.nodes = {{"a0.x", NodeKind::Head, 0}, {"a0.y", NodeKind::Head, 0}, {"a0.h1", NodeKind::Head, 0, 1},
                   {"a0.z", NodeKind::Head, 0}};
        const CircuitLayout layout = layeredLayout(g);
        for (size_t a = 0; a < g.nodes.size(); ++a)
            for (size_t b = a + 1; b < g.nodes.size(); ++b) QVERIFY(!layout.nodes[a].box.intersects(layout.nodes[b].box));
        QVERIFY(boxOf(g, layout, "a0.h1").center().x() < boxOf(g, layout, "a0.x").center().x());  // indexed first
    }

    void aLongVerticalEdgeBowsAroundTheRowsItSkips() {
        DrawnCircuit g;
        g.nodes = {{"m0", NodeKind::Mlp, 0}, {"m1", NodeKind::Mlp, 1}, {"m2", NodeKind::Mlp, 2}};
        g.edges = {{"m0", "m1", 1.0}, {"m1", "m2", 1.0}, {"m0", "m2", 1.0}};
        const CircuitLayout layout = layeredLayout(g);
        const QRectF middle = boxOf(g, layout, "m1");
        // The skipping edge passes m1's row to the right of its box; the others join their boxes directly.
        const QPainterPath& skip = layout.edges[2].spline;
        double rightmost = -1e9;
        for (double t = 0; t <= 1.0; t += 0.01)
            if (std::abs(skip.pointAtPercent(t).y() - middle.center().y()) < middle.height() / 2)
                rightmost = std::max(rightmost, skip.pointAtPercent(t).x());
        QVERIFY2(rightmost > middle.right(), qPrintable(QString::number(rightmost)));
        QVERIFY(layout.bounds.contains(skip.boundingRect()));
        QVERIFY(layout.edges[0].spline.boundingRect().width() < middle.width() / 2);  // no bow
    }

    void unknownEndsAndRepeatedNamesAreNotDrawn() {
        DrawnCircuit g = edgeLevelCircuit();
        g.nodes.push_back({"m0", NodeKind::Mlp, 0});
        g.edges.push_back({"nowhere", "logits", 3.0});
        const CircuitLayout layout = layeredLayout(g);
        QVERIFY(layout.nodes.back().box.isEmpty());
        QVERIFY(layout.edges.back().spline.isEmpty());
        QVERIFY(!boxOf(g, layout, "m0").isEmpty());  // its first occurrence is drawn

        const CircuitLayout empty = layeredLayout(DrawnCircuit());
        QVERIFY(empty.nodes.empty() && empty.edges.empty() && empty.rows.empty());
    }
};

QTEST_MAIN(TestCircuitLayout)
#include "test_circuit_layout.moc"
