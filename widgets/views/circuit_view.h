#pragma once
#include <QGraphicsView>
#include <memory>

#include "models/circuit_graph.h"
#include "models/circuit_layout.h"
#include "export/figure_export.h"

namespace redit::gui {

class CircuitLayoutEngine;

// Draws a circuit laid out by Graphviz on the shared layout thread, so the window never freezes.
// Wheel zooms, dragging the background pans, clicking a node or edge selects it.
class CircuitView : public QGraphicsView, public FigureSource {
    Q_OBJECT
public:
    static constexpr int kDefaultEdgeBudget = 3000;

    explicit CircuitView(QWidget* parent = nullptr);
    ~CircuitView() override;

    // Shows the graph as given (apply selectEdges first). Above the edge budget, shows a notice instead.
    // `styles` (one per edge, or empty for the score colours) overrides the edges' colours and lines.
    void setCircuit(DrawnCircuit graph, std::vector<EdgeStyle> styles = {});
    const DrawnCircuit& circuit() const { return graph_; }
    void setEdgeBudget(int edges) { edgeBudget_ = edges; }
    int edgeBudget() const { return edgeBudget_; }

    bool isLayingOut() const { return layingOut_; }
    bool isOverBudget() const { return overBudget_; }
    int drawnEdgeCount() const { return drawnEdges_; }
    int drawnNodeCount() const { return drawnNodes_; }

    void fitAll();
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

private:
    void draw(const CircuitLayout& layout);
    void showNotice(const QString& text);
    void onSceneSelectionChanged();

    std::shared_ptr<CircuitLayoutEngine> engine_;
    DrawnCircuit graph_;
    std::vector<EdgeStyle> styles_;
    quint64 generation_ = 0;
    int edgeBudget_ = kDefaultEdgeBudget;
    bool layingOut_ = false;
    bool overBudget_ = false;
    bool autoFit_ = true;  // keep fitting on resize until the user zooms
    int drawnEdges_ = 0;
    int drawnNodes_ = 0;
};

}  // namespace redit::gui
