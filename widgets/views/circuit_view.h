#pragma once
#include <QGraphicsView>
#include <memory>

#include "models/circuit_graph.h"
#include "models/circuit_layout.h"
#include "export/figure_export.h"

namespace redit::gui {

class CircuitLayoutEngine;
class CircuitEdgeLayer;
struct EdgeSprite;

// Draws a circuit laid out on the shared layout thread (layered by default, or by Graphviz), adding the edge
// items a batch per event-loop turn, so the window never freezes. Wheel zooms, dragging the background pans,
// clicking a node or edge selects it.
class CircuitView : public QGraphicsView, public FigureSource {
    Q_OBJECT
public:
    // The most edges each layout draws unless setEdgeBudget says otherwise (docs/performance.md "Circuit view").
    static constexpr int kLayeredEdgeBudget = 80000;
    static constexpr int kGraphvizEdgeBudget = 3000;
    static constexpr int kEdgesPerBatch = 1000;
    // Above this many edges the view paints them from an edge layer rendered off the GUI thread
    // (CircuitEdgeLayer); up to it, as items, which repaint fast enough.
    static constexpr int kLayeredEdges = 1000;
    static constexpr double kReadableScale = 0.8;  // node labels stay legible down to this zoom

    explicit CircuitView(QWidget* parent = nullptr);
    ~CircuitView() override;

    // Shows the graph as given (apply selectEdges first). Above the edge budget, shows a notice instead.
    // `styles` (one per edge, or empty for the score colours) overrides the edges' colours and lines.
    void setCircuit(DrawnCircuit graph, std::vector<EdgeStyle> styles = {});
    const DrawnCircuit& circuit() const { return graph_; }
    // Lays the current circuit out again when the kind changes.
    void setLayoutKind(CircuitLayoutKind kind);
    CircuitLayoutKind layoutKind() const { return layoutKind_; }
    void setEdgeBudget(int edges) { edgeBudget_ = edges; }
    int edgeBudget() const;

    // True from setCircuit until the last edge item is in the scene.
    bool isLayingOut() const { return layingOut_; }
    bool isOverBudget() const { return overBudget_; }
    int drawnEdgeCount() const { return drawnEdges_; }
    int drawnNodeCount() const { return drawnNodes_; }
    // The edge layer of a large drawing, or null.
    const CircuitEdgeLayer* edgeLayer() const { return edgeLayer_; }

    // The whole circuit (the Fit button).
    void fitAll();
    // What the view does after drawing and on resizing until the user zooms: the whole circuit, or for a tall
    // one its width at a readable size, from the top (unless setFitsWhole(true): always the whole circuit).
    void fitForReading();
    void setFitsWhole(bool whole) { fitsWhole_ = whole; }
    // Selects the node with this name (exact, else the first containing it) and centres on it.
    bool findNode(const QString& text);
    // Selects edge `index` of circuit().edges (-1 clears) and scrolls it into view; emits nothing.
    void highlightEdge(int index);
    int highlightedEdge() const;

    QGraphicsScene* figureScene() const override { return scene(); }
    QRectF figureRect() const override;

signals:
    void layoutStarted(int edges);
    void layoutFinished();
    void layoutFailed(const QString& message);
    void edgeClicked(int index);
    void nodeClicked(const QString& name);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void drawBackground(QPainter* painter, const QRectF& rect) override;

private:
    void draw(const CircuitLayout& layout);
    void drawNodes(quint64 generation);
    void addRowLabels(const CircuitLayout& layout);
    void addEdgeBatch(quint64 generation, size_t first);
    void finishDrawing();
    void showNotice(const QString& text);
    void clearDrawing();
    void onSceneSelectionChanged();

    std::shared_ptr<CircuitLayoutEngine> engine_;
    DrawnCircuit graph_;
    std::vector<EdgeStyle> styles_;
    CircuitLayout layout_;  // the layout being drawn, until its last edge item is added
    std::vector<EdgeSprite> layerSprites_;  // the edges for the layer, gathered while the items are added
    CircuitEdgeLayer* edgeLayer_ = nullptr;
    double maxAbsScore_ = 0;
    quint64 generation_ = 0;
    CircuitLayoutKind layoutKind_ = CircuitLayoutKind::Layered;
    int edgeBudget_ = 0;  // 0: the layout's own budget
    bool layingOut_ = false;
    bool overBudget_ = false;
    bool autoFit_ = true;  // keep fitting on resize until the user zooms
    bool fitsWhole_ = false;
    int drawnEdges_ = 0;
    int drawnNodes_ = 0;
};

}  // namespace redit::gui
