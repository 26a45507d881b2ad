#include "views/circuit_items.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPathStroker>
#include <cmath>

namespace redit::gui {
namespace {

const QColor kHighlight(255, 170, 0);

}  // namespace

QColor nodeKindColour(NodeKind kind) {
    switch (kind) {
    case NodeKind::Input: return QColor(0x9a, 0xd1, 0x9a);
    case NodeKind::Head: return QColor(0x8e, 0xb8, 0xe5);
    case NodeKind::Mlp: return QColor(0xf2, 0xb8, 0x7c);
    case NodeKind::Logits: return QColor(0xc3, 0xa6, 0xe0);
    }
    return Qt::lightGray;
}

CircuitNodeItem::CircuitNodeItem(const CircuitNode& node, const QRectF& box, double totalScore, int index)
    : name_(node.name), box_(box), fill_(nodeKindColour(node.kind)) {
    setData(kIndexKey, index);
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setZValue(1);
    setToolTip(QCoreApplication::translate("redit::gui::CircuitItems", "<b>%1</b><br>%2, layer %3<br>total |score| of drawn edges: %4")
                   .arg(node.name.toHtmlEscaped(), nodeKindName(node.kind))
                   .arg(node.layer)
                   .arg(totalScore, 0, 'g', 4));
}

QRectF CircuitNodeItem::boundingRect() const { return box_.adjusted(-3, -3, 3, 3); }

void CircuitNodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    painter->setPen(isSelected() ? QPen(kHighlight, 3) : QPen(fill_.darker(160), 1));
    painter->setBrush(fill_);
    painter->drawRoundedRect(box_, 4, 4);
    painter->setPen(Qt::black);
    painter->drawText(box_, Qt::AlignCenter, name_);
}

CircuitEdgeItem::CircuitEdgeItem(const CircuitEdge& edge, const CircuitLayout::Edge& route, double maxAbsScore,
                                 int index, const EdgeStyle* style)
    : QGraphicsPathItem(route.spline), arrowHead_(route.arrowHead) {
    const double strength = maxAbsScore > 0 ? std::abs(edge.score) / maxAbsScore : 0.0;
    QColor colour = style ? style->colour : edge.score >= 0 ? QColor(0x25, 0x63, 0xeb) : QColor(0xdc, 0x26, 0x26);
    // Weak edges fade: in the pen's alpha rather than the item's opacity, which costs every repaint a
    // painter state change per edge.
    colour.setAlphaF(style ? 0.9f : float(0.45 + 0.55 * strength));
    // A styled edge's colour carries its meaning, so even weak edges stay clearly visible.
    QPen pen(colour, style ? 1.2 + 3.8 * std::sqrt(strength) : 0.6 + 4.4 * strength);
    pen.setCapStyle(Qt::RoundCap);
    if (style) pen.setStyle(style->line);
    setPen(pen);
    setData(kIndexKey, index);
    setFlag(ItemIsSelectable);
    // No hover events: the tooltip needs none, and repainting a long edge on every hover is what makes a large
    // circuit sluggish.
    setToolTip(QCoreApplication::translate("redit::gui::CircuitItems", "<b>%1 → %2</b><br>score: %3")
                   .arg(edge.from.toHtmlEscaped(), edge.to.toHtmlEscaped())
                   .arg(edge.score, 0, 'g', 4));
}

QRectF CircuitEdgeItem::boundingRect() const {
    return QGraphicsPathItem::boundingRect().united(arrowHead_.boundingRect()).adjusted(-4, -4, 4, 4);
}

QPainterPath CircuitEdgeItem::shape() const {
    if (shape_.isEmpty()) {
        QPainterPathStroker stroker;
        stroker.setWidth(std::max(pen().widthF(), 6.0));  // thin edges stay easy to click
        shape_ = stroker.createStroke(path());
    }
    return shape_;
}

EdgeSprite CircuitEdgeItem::sprite() const { return EdgeSprite{path(), arrowHead_, pen(), boundingRect()}; }

void CircuitEdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) {
    // `widget` is the view's viewport when painting on screen, null when rendering an export.
    if (drawnByLayer_ && widget && !isSelected()) return;
    QPen drawn = pen();
    if (isSelected()) {
        drawn.setColor(kHighlight);
        drawn.setWidthF(drawn.widthF() + 3);
    }
    const double scale = option->levelOfDetailFromTransform(painter->worldTransform());
    // Flattening the curve again on every repaint is most of a repaint's cost: the polyline is kept.
    if (flattened_.isEmpty()) flattened_ = path().toSubpathPolygons().value(0);
    paintEdgeSprite(*painter, path(), flattened_, arrowHead_, drawn, scale);
}

}  // namespace redit::gui
