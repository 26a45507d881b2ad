#pragma once
#include <QGraphicsItem>
#include <QGraphicsPathItem>

#include "models/circuit_graph.h"
#include "views/circuit_edge_layer.h"
#include "models/circuit_layout.h"

namespace redit::gui {

// Scene items of the circuit view. data(kIndexKey) holds the node's or edge's index in the drawn graph.
constexpr int kIndexKey = 0;
constexpr int kNodeType = QGraphicsItem::UserType + 1;
constexpr int kEdgeType = QGraphicsItem::UserType + 2;

QColor nodeKindColour(NodeKind kind);

class CircuitNodeItem : public QGraphicsItem {
public:
    CircuitNodeItem(const CircuitNode& node, const QRectF& box, double totalScore, int index);
    int type() const override { return kNodeType; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QString name_;
    QRectF box_;
    QColor fill_;
};

// An edge: width by |score| relative to the strongest drawn edge, blue when positive, red when negative, or
// coloured and dashed by `style` when one is given. In a drawing whose edges the view paints from its edge layer,
// the item paints itself on screen only when selected; it always paints into exports.
class CircuitEdgeItem : public QGraphicsPathItem {
public:
    CircuitEdgeItem(const CircuitEdge& edge, const CircuitLayout::Edge& route, double maxAbsScore, int index,
                    const EdgeStyle* style = nullptr);
    int type() const override { return kEdgeType; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    void setDrawnByLayer(bool drawn) { drawnByLayer_ = drawn; }
    EdgeSprite sprite() const;

private:
    QPolygonF arrowHead_;
    bool drawnByLayer_ = false;
    mutable QPainterPath shape_;  // stroked once, on the first hit test: hovering tests many long edges
    mutable QPolygonF flattened_; // the curve as a polyline, flattened once, for the zoomed-out one-pixel line
};

}  // namespace redit::gui
