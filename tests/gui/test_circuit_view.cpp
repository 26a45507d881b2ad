#include <QGraphicsItem>
#include <QComboBox>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QtTest>

#include "models/circuit_graph.h"
#include "views/circuit_edge_layer.h"
#include "views/circuit_items.h"
#include "models/circuit_layout.h"
#include "views/circuit_panel.h"
#include "views/circuit_selection_widget.h"
#include "views/circuit_view.h"
#include "models/synthetic_examples.h"

using namespace redit::gui;

class TestCircuitView : public QObject {
    Q_OBJECT

    // input -> a0.h0 -> m0 -> logits, and input -> m0 (scores chosen so |score| order is known).
    static DrawnCircuit smallCircuit() {
        DrawnCircuit g;
        g.nodes = {{"input", NodeKind::Input, -1}, {"a0.h0", NodeKind::Head, 0}, {"a0.h1", NodeKind::Head, 0},
                   {"m0", NodeKind::Mlp, 0},       {"logits", NodeKind::Logits, 1}};
        g.edges = {{"input", "a0.h0", 0.5}, {"a0.h0", "m0", -0.9}, {"m0", "logits", 0.7},
                   {"input", "m0", 0.1},    {"input", "a0.h1", -0.2}, {"a0.h1", "logits", 0.05}};
        return g;
    }

    // Pixels of `image` in an edge's colour (blue or red, any alpha over white) and in the highlight's orange.
    static int edgePixels(const QImage& image) {
        int n = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                if (std::abs(c.red() - c.blue()) > 60 && c.green() < 200 && c.saturation() > 60) ++n;
            }
        return n;
    }
    static int highlightPixels(const QImage& image) {
        int n = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                if (image.pixelColor(x, y) == QColor(255, 170, 0)) ++n;
        return n;
    }
    // The view's visible part as the scene renders it for an export (the items painting every edge).
    static QImage exportedView(CircuitView& view) {
        QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        view.scene()->render(&painter, QRectF(image.rect()), view.mapToScene(view.viewport()->rect()).boundingRect());
        return image;
    }
    static void waitForEdgeLayer(CircuitView& view) {
        view.viewport()->repaint();  // a paint finds the layer stale and starts its render
        QTRY_VERIFY_WITH_TIMEOUT(!view.edgeLayer()->isRendering(), 30000);
        QCoreApplication::processEvents();
    }

    static QRectF boxOf(const CircuitView& view, const QString& name) {
        for (QGraphicsItem* item : view.scene()->items())
            if (item->type() == kNodeType && view.circuit().nodes[size_t(item->data(kIndexKey).toInt())].name == name)
                return item->boundingRect();
        return {};
    }

private slots:
    void selectsStrongestEdgesAndPrunesUntouchedNodes() {
        const DrawnCircuit g = smallCircuit();
        DrawnCircuit top2 = selectEdges(g, {EdgeSelection::Mode::TopN, 2});
        QCOMPARE(top2.edges.size(), size_t(2));
        QCOMPARE(top2.edges[0].score, -0.9);  // strongest |score| first, sign kept
        QCOMPARE(top2.edges[1].score, 0.7);
        QCOMPARE(top2.nodes.size(), size_t(3));  // a0.h0, m0, logits; input and a0.h1 are untouched
        // Fraction 0.5 of 6 edges = 3; threshold 0.2 keeps |score| >= 0.2: 0.9, 0.7, 0.5, 0.2.
        QCOMPARE(selectEdges(g, {EdgeSelection::Mode::Fraction, 0.5}).edges.size(), size_t(3));
        QCOMPARE(selectEdges(g, {EdgeSelection::Mode::Threshold, 0.2}).edges.size(), size_t(4));
        QCOMPARE(selectEdges(g, {EdgeSelection::Mode::TopN, 1e9}).edges.size(), size_t(6));
        QCOMPARE(selectEdges(g, {EdgeSelection::Mode::TopN, -3}).edges.size(), size_t(0));
        QCOMPARE(selectEdges(g, {EdgeSelection::Mode::Fraction, std::nan("")}).edges.size(), size_t(0));
    }

    void laysOutASmallCircuitByLayer() {
        CircuitView view;
        QSignalSpy finished(&view, &CircuitView::layoutFinished);
        view.setCircuit(smallCircuit());
        QVERIFY(view.isLayingOut());
        QVERIFY(finished.wait(10000));
        QCOMPARE(view.drawnNodeCount(), 5);
        QCOMPARE(view.drawnEdgeCount(), 6);
        // Ranks run top to bottom: input, layer-0 heads, layer-0 MLP, logits.
        const double input = boxOf(view, "input").center().y();
        const double head0 = boxOf(view, "a0.h0").center().y();
        const double head1 = boxOf(view, "a0.h1").center().y();
        const double mlp = boxOf(view, "m0").center().y();
        const double logits = boxOf(view, "logits").center().y();
        QCOMPARE(head0, head1);
        QVERIFY(input < head0 && head0 < mlp && mlp < logits);
    }

    void edgesAreStyledByScoreAndNodesByKind() {
        CircuitView view;
        QSignalSpy finished(&view, &CircuitView::layoutFinished);
        view.setCircuit(smallCircuit());
        QVERIFY(finished.wait(10000));
        QHash<int, CircuitEdgeItem*> edges;
        for (QGraphicsItem* item : view.scene()->items())
            if (item->type() == kEdgeType) edges.insert(item->data(kIndexKey).toInt(), static_cast<CircuitEdgeItem*>(item));
        QCOMPARE(edges.size(), 6);
        CircuitEdgeItem* strongest = edges.value(1);  // a0.h0 -> m0, -0.9: red, widest
        CircuitEdgeItem* positive = edges.value(0);   // input -> a0.h0, 0.5: blue
        QVERIFY(strongest->pen().color().red() > strongest->pen().color().blue());
        QVERIFY(positive->pen().color().blue() > positive->pen().color().red());
        QCOMPARE(strongest->pen().widthF(), 5.0);  // 0.6 + 4.4 * |score| / max |score|
        QVERIFY(qAbs(positive->pen().widthF() - (0.6 + 4.4 * 0.5 / 0.9)) < 1e-9);
        QVERIFY(strongest->toolTip().contains("a0.h0") && strongest->toolTip().contains("-0.9"));
        QVERIFY(nodeKindColour(NodeKind::Head) != nodeKindColour(NodeKind::Mlp));
        QVERIFY(nodeKindColour(NodeKind::Input) != nodeKindColour(NodeKind::Logits));
    }

    void edgesWithUnknownEndsAreSkipped() {
        DrawnCircuit g = smallCircuit();
        g.edges.push_back({"nowhere", "logits", 3.0});
        g.nodes.push_back({"m0", NodeKind::Mlp, 0});  // a repeated name is drawn once
        CircuitView view;
        QSignalSpy finished(&view, &CircuitView::layoutFinished);
        view.setCircuit(g);
        QVERIFY(finished.wait(10000));
        QCOMPARE(view.drawnEdgeCount(), 6);
        QCOMPARE(view.drawnNodeCount(), 5);
    }

    void topNChangesTheDrawnEdgeCount() {
        CircuitPanel panel;
        QSignalSpy finished(panel.view(), &CircuitView::layoutFinished);
        panel.selectionWidget()->setSelection({EdgeSelection::Mode::TopN, 40});
        panel.setCircuit(syntheticCircuit(4, 4, 120, 7));
        QTRY_VERIFY_WITH_TIMEOUT(!panel.view()->isLayingOut() && finished.count() > 0, 10000);
        QCOMPARE(panel.view()->drawnEdgeCount(), 40);
        QCOMPARE(panel.edgeProxy()->rowCount(), 40);

        finished.clear();
        panel.selectionWidget()->setSelection({EdgeSelection::Mode::TopN, 15});
        QTRY_VERIFY_WITH_TIMEOUT(!panel.view()->isLayingOut() && finished.count() > 0, 10000);
        QCOMPARE(panel.view()->drawnEdgeCount(), 15);
        QCOMPARE(panel.edgeProxy()->rowCount(), 15);
    }

    void tableAndPictureSelectTogether() {
        CircuitPanel panel;
        QSignalSpy finished(panel.view(), &CircuitView::layoutFinished);
        panel.setCircuit(smallCircuit());
        QVERIFY(finished.wait(10000));
        // The table is sorted by score, descending: its first row is m0 -> logits (0.7), edge 1 of the selection.
        const QModelIndex first = panel.edgeProxy()->index(0, 0);
        panel.edgeTable()->selectRow(0);
        const int edge = panel.edgeProxy()->mapToSource(first).row();
        QCOMPARE(panel.view()->circuit().edges[size_t(edge)].score, 0.7);
        QCOMPARE(panel.view()->highlightedEdge(), edge);

        // Clicking an edge in the picture selects its row.
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QGraphicsItem* strongest = nullptr;
        for (QGraphicsItem* item : panel.view()->scene()->items())
            if (item->type() == kEdgeType && item->data(kIndexKey).toInt() == 0) strongest = item;
        QVERIFY(strongest);
        const QPointF middle = static_cast<QGraphicsPathItem*>(strongest)->path().pointAtPercent(0.5);
        QTest::mouseClick(panel.view()->viewport(), Qt::LeftButton, {}, panel.view()->mapFromScene(middle));
        QCOMPARE(panel.view()->highlightedEdge(), 0);
        const QModelIndexList rows = panel.edgeTable()->selectionModel()->selectedRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(panel.edgeProxy()->mapToSource(rows.first()).row(), 0);
    }

    void findsAndHighlightsANode() {
        CircuitView view;
        QSignalSpy finished(&view, &CircuitView::layoutFinished);
        view.setCircuit(smallCircuit());
        QVERIFY(finished.wait(10000));
        QVERIFY(view.findNode("M0"));
        const QList<QGraphicsItem*> selected = view.scene()->selectedItems();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(view.circuit().nodes[size_t(selected.first()->data(kIndexKey).toInt())].name, QString("m0"));
        QVERIFY(view.findNode("h1"));  // partial match
        QVERIFY(!view.findNode("a9.h9"));
    }

    void overBudgetShowsANoticeInsteadOfLayingOut() {
        CircuitView view;
        view.setEdgeBudget(100);
        QSignalSpy finished(&view, &CircuitView::layoutFinished);
        view.setCircuit(syntheticCircuit(6, 6, 150, 3));
        QCOMPARE(finished.count(), 1);  // at once, no layout thread involved
        QVERIFY(view.isOverBudget());
        QVERIFY(!view.isLayingOut());
        QCOMPARE(view.drawnEdgeCount(), 0);
        QCOMPARE(view.scene()->items().size(), 1);
    }

    void graphvizIsAnOptionalLayout() {
        CircuitView view;
        QSignalSpy finished(&view, &CircuitView::layoutFinished);
        QCOMPARE(view.layoutKind(), CircuitLayoutKind::Layered);
        QCOMPARE(view.edgeBudget(), CircuitView::kLayeredEdgeBudget);
        view.setCircuit(smallCircuit());
        QVERIFY(finished.wait(10000));
        const QList<QGraphicsItem*> layeredItems = view.scene()->items();
        // The layered layout labels its rows: input, layer 0 heads, layer 0 MLP, logits.
        QStringList labels;
        for (QGraphicsItem* item : layeredItems)
            if (auto* text = qgraphicsitem_cast<QGraphicsSimpleTextItem*>(item)) labels << text->text();
        labels.sort();
        QCOMPARE(labels, QStringList({"L0 MLP", "L0 heads", "input", "logits"}));

        finished.clear();
        view.setLayoutKind(CircuitLayoutKind::Graphviz);  // lays the same circuit out again
        QCOMPARE(view.edgeBudget(), CircuitView::kGraphvizEdgeBudget);
        QVERIFY(view.isLayingOut());
        QVERIFY(finished.wait(10000));
        QCOMPARE(view.drawnNodeCount(), 5);
        QCOMPARE(view.drawnEdgeCount(), 6);
        QCOMPARE(view.circuit().edges.size(), size_t(6));
        const double input = boxOf(view, "input").center().y(), mlp = boxOf(view, "m0").center().y();
        QVERIFY(input < mlp && mlp < boxOf(view, "logits").center().y());

        // Graphviz's budget is smaller: a circuit the layered layout draws is refused with a notice.
        view.setCircuit(syntheticCircuit(30, 9, CircuitView::kGraphvizEdgeBudget + 1, 2));
        QVERIFY(view.isOverBudget());
        view.setLayoutKind(CircuitLayoutKind::Layered);
        QVERIFY(!view.isOverBudget());
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLayingOut(), 20000);
        QCOMPARE(view.drawnEdgeCount(), CircuitView::kGraphvizEdgeBudget + 1);
    }

    void panelChoosesTheLayout() {
        CircuitPanel panel;
        QSignalSpy finished(panel.view(), &CircuitView::layoutFinished);
        panel.setCircuit(smallCircuit());
        QVERIFY(finished.wait(10000));
        QCOMPARE(panel.layoutChoice()->count(), 2);
        panel.layoutChoice()->setCurrentIndex(1);
        QCOMPARE(panel.view()->layoutKind(), CircuitLayoutKind::Graphviz);
        QVERIFY(finished.wait(10000));
        QCOMPARE(panel.view()->drawnEdgeCount(), 6);
    }

    // 10,000 edges of a 30-layer, 9-head circuit: the edges are added in batches, so the event loop keeps
    // running while the view draws. The figures of docs/performance.md come from bench_circuit_layout.
    void largeCircuitDoesNotBlockTheEventLoop() {
        const DrawnCircuit big = syntheticCircuit(30, 9, 10000, 11);
        QCOMPARE(big.edges.size(), size_t(10000));
        CircuitView view;
        view.resize(1000, 700);
        view.show();  // as in the window: the view paints when it has drawn
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        int ticks = 0;
        qint64 longestGap = 0;
        QElapsedTimer clock, sinceTick;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, [&] {
            ++ticks;
            longestGap = std::max(longestGap, sinceTick.restart());
        });
        QSignalSpy finished(&view, &CircuitView::layoutFinished);
        clock.start();
        sinceTick.start();
        ticker.start(0);
        view.setCircuit(big);
        QVERIFY(finished.wait(120000));
        const qint64 ms = clock.elapsed();
        QCOMPARE(view.drawnEdgeCount(), 10000);
        // The timer ran between the batches (at least once per batch).
        const int batches = 10000 / CircuitView::kEdgesPerBatch;
        QVERIFY2(ticks >= batches, qPrintable(QString("only %1 timer ticks in %2 ms").arg(ticks).arg(ms)));
        qInfo("10,000-edge layout and items: %lld ms, %d event-loop turns, longest gap %lld ms", ms, ticks, longestGap);
    }

    // Above kLayeredEdges the edges are painted from a layer rendered on another thread: the window shows the
    // same edges as the items paint into an export, follows a zoom, and still highlights a selected edge.
    void largeDrawingPaintsItsEdgesFromALayer() {
        CircuitView view;
        view.setFitsWhole(true);
        view.resize(900, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy finished(&view, &CircuitView::layoutFinished);
        view.setCircuit(syntheticCircuit(30, 9, 3000, 21));
        QVERIFY(finished.wait(60000));
        QVERIFY(view.edgeLayer());
        waitForEdgeLayer(view);
        const QImage shown = view.viewport()->grab().toImage().convertToFormat(QImage::Format_ARGB32);
        const QImage exported = exportedView(view).convertToFormat(QImage::Format_ARGB32);
        const int onScreen = edgePixels(shown), inExport = edgePixels(exported);
        qInfo("edge pixels: %d on screen, %d in the export", onScreen, inExport);
        QVERIFY2(inExport > 20000, qPrintable(QString("export has %1 edge pixels").arg(inExport)));
        QVERIFY2(std::abs(onScreen - inExport) < inExport / 10,
                 qPrintable(QString("%1 edge pixels on screen, %2 in the export").arg(onScreen).arg(inExport)));

        // A zoom shows the old image rescaled at once, then the render at the new scale.
        view.scale(2.0, 2.0);
        view.viewport()->repaint();
        QVERIFY(view.edgeLayer()->isRendering());
        waitForEdgeLayer(view);
        const QImage zoomed = view.viewport()->grab().toImage().convertToFormat(QImage::Format_ARGB32);
        const int zoomedIn = edgePixels(zoomed), zoomedExport = edgePixels(exportedView(view).convertToFormat(QImage::Format_ARGB32));
        qInfo("zoomed: %d on screen, %d in the export", zoomedIn, zoomedExport);
        QVERIFY2(std::abs(zoomedIn - zoomedExport) < zoomedExport / 10,
                 qPrintable(QString("zoomed: %1 edge pixels on screen, %2 in the export").arg(zoomedIn).arg(zoomedExport)));

        // The highlighted edge is painted over the layer by its item.
        QCOMPARE(highlightPixels(zoomed), 0);
        view.highlightEdge(0);
        QCoreApplication::processEvents();
        QVERIFY(highlightPixels(view.viewport()->grab().toImage().convertToFormat(QImage::Format_ARGB32)) > 20);
    }

    // A small drawing keeps painting its edges as items.
    void smallDrawingHasNoEdgeLayer() {
        CircuitView view;
        QSignalSpy finished(&view, &CircuitView::layoutFinished);
        view.setCircuit(syntheticCircuit(8, 8, CircuitView::kLayeredEdges, 3));
        QVERIFY(finished.wait(20000));
        QCOMPARE(view.drawnEdgeCount(), CircuitView::kLayeredEdges);
        QVERIFY(!view.edgeLayer());
    }

    void newerCircuitReplacesAPendingOne() {
        CircuitView view;
        QSignalSpy finished(&view, &CircuitView::layoutFinished);
        view.setCircuit(syntheticCircuit(8, 8, 400, 5));
        view.setCircuit(smallCircuit());
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLayingOut(), 20000);
        QCOMPARE(view.drawnEdgeCount(), 6);
        QCOMPARE(finished.count(), 1);  // the stale layout was never drawn
    }

    void viewDestroyedDuringLayoutIsSafe() {
        {
            CircuitView view;
            view.setCircuit(syntheticCircuit(10, 8, 600, 9));
        }
        CircuitView next;
        QSignalSpy finished(&next, &CircuitView::layoutFinished);
        next.setCircuit(smallCircuit());
        QVERIFY(finished.wait(20000));
        QCOMPARE(next.drawnEdgeCount(), 6);
    }
};

QTEST_MAIN(TestCircuitView)
#include "test_circuit_view.moc"
