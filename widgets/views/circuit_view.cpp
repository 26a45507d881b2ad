#include "views/circuit_view.h"

#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QHash>
#include <QResizeEvent>
#include <QTimer>
#include <QWheelEvent>
#include <cmath>

#include "views/circuit_edge_layer.h"
#include "views/circuit_items.h"
#include "models/circuit_layout_engine.h"
#include "models/circuit_layout_layered.h"

namespace redit::gui {

CircuitView::CircuitView(QWidget* parent)
    : QGraphicsView(parent), engine_(CircuitLayoutEngine::shared()) {
    setScene(new QGraphicsScene(this));
    scene()->setItemIndexMethod(QGraphicsScene::NoIndex);
    setRenderHint(QPainter::Antialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    // Thousands of edge items: no painter save/restore around each (CircuitEdgeItem::paint sets what it uses).
    setOptimizationFlags(QGraphicsView::DontSavePainterState | QGraphicsView::DontAdjustForAntialiasing);
    setBackgroundBrush(Qt::white);
    setToolTip(QString());
    connect(scene(), &QGraphicsScene::selectionChanged, this, &CircuitView::onSceneSelectionChanged);
}

CircuitView::~CircuitView() {
    engine_->cancel(this);
    scene()->disconnect(this);  // the scene outlives this class's members while QWidget deletes children
}

int CircuitView::edgeBudget() const {
    if (edgeBudget_ > 0) return edgeBudget_;
    return layoutKind_ == CircuitLayoutKind::Graphviz ? kGraphvizEdgeBudget : kLayeredEdgeBudget;
}

void CircuitView::setLayoutKind(CircuitLayoutKind kind) {
    if (kind == layoutKind_) return;
    layoutKind_ = kind;
    setCircuit(std::move(graph_), std::move(styles_));
}

void CircuitView::setCircuit(DrawnCircuit graph, std::vector<EdgeStyle> styles) {
    graph_ = std::move(graph);
    styles_ = styles.size() == graph_.edges.size() ? std::move(styles) : std::vector<EdgeStyle>();
    layout_ = CircuitLayout();
    const quint64 generation = ++generation_;
    overBudget_ = int(graph_.edges.size()) > edgeBudget();
    if (overBudget_) {
        engine_->cancel(this);
        layingOut_ = false;
        showNotice(tr("This circuit has %1 edges, more than the %2 this view lays out.\n"
                      "Select fewer edges (top n, fraction or threshold) to draw it.")
                       .arg(graph_.edges.size())
                       .arg(edgeBudget()));
        emit layoutFinished();
        return;
    }
    layingOut_ = true;
    emit layoutStarted(int(graph_.edges.size()));
    engine_->submit(this, graph_, layoutKind_, [this, generation](const CircuitLayout& layout) {
        if (generation != generation_) return;  // a newer circuit is on its way
        if (!layout.error.isEmpty()) {
            layingOut_ = false;
            showNotice(layout.error);
            emit layoutFailed(layout.error);
            emit layoutFinished();
        } else {
            draw(layout);
        }
    });
}

void CircuitView::showNotice(const QString& text) {
    viewport()->setUpdatesEnabled(true);
    clearDrawing();
    QGraphicsTextItem* notice = scene()->addText(text);
    notice->setDefaultTextColor(QColor(0x80, 0x30, 0x00));
    scene()->setSceneRect(notice->boundingRect());
    resetTransform();
}

// The old drawing cleared in one event-loop turn, the nodes and row labels (hundreds at most) in the next, the
// edges in batches, so that a drawing of tens of thousands of edges leaves the event loop running
// (docs/performance.md "Circuit view"). Painting a half-built scene after every batch would cost more than
// building it: the view paints once at the end.
void CircuitView::draw(const CircuitLayout& layout) {
    viewport()->setUpdatesEnabled(false);
    clearDrawing();
    layout_ = layout;
    QTimer::singleShot(0, this, [this, generation = generation_] { drawNodes(generation); });
}

void CircuitView::drawNodes(quint64 generation) {
    if (generation != generation_) return;  // a newer circuit replaced this drawing
    const CircuitLayout& layout = layout_;
    QSignalBlocker block(scene());
    maxAbsScore_ = 0;
    QHash<QString, double> nodeTotals;
    for (const CircuitEdge& e : graph_.edges) {
        maxAbsScore_ = std::max(maxAbsScore_, std::abs(e.score));
        nodeTotals[e.from] += std::abs(e.score);
        nodeTotals[e.to] += std::abs(e.score);
    }
    for (size_t i = 0; i < graph_.nodes.size() && i < layout.nodes.size(); ++i) {
        if (layout.nodes[i].box.isEmpty()) continue;
        const CircuitNode& node = graph_.nodes[i];
        scene()->addItem(new CircuitNodeItem(node, layout.nodes[i].box, nodeTotals.value(node.name), int(i)));
        ++drawnNodes_;
    }
    addRowLabels(layout);
    scene()->setSceneRect(scene()->itemsBoundingRect().united(layout.bounds).adjusted(-20, -20, 20, 20));
    autoFit_ = true;
    fitForReading();
    addEdgeBatch(generation, 0);
}

void CircuitView::clearDrawing() {
    QSignalBlocker block(scene());
    scene()->clear();
    drawnEdges_ = drawnNodes_ = 0;
    delete edgeLayer_;
    edgeLayer_ = nullptr;
    layerSprites_.clear();
}

// Each row's name, right-aligned to the left of the drawing, in the colour of the row's node kind.
void CircuitView::addRowLabels(const CircuitLayout& layout) {
    QFont font = this->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    for (const CircuitLayout::Row& row : layout.rows) {
        QGraphicsSimpleTextItem* label = scene()->addSimpleText(rowLabel(row), font);
        label->setBrush(nodeKindColour(row.kind).darker(220));
        const QRectF text = label->boundingRect();
        label->setPos(layout.bounds.left() - 14 - text.width(), row.y - text.height() / 2);
    }
}

void CircuitView::addEdgeBatch(quint64 generation, size_t first) {
    if (generation != generation_) return;  // a newer circuit replaced this drawing
    const size_t end = std::min(graph_.edges.size(), std::min(layout_.edges.size(), first + size_t(kEdgesPerBatch)));
    const bool layered = graph_.edges.size() > size_t(kLayeredEdges);
    {
        QSignalBlocker block(scene());
        for (size_t j = first; j < end; ++j) {
            if (layout_.edges[j].spline.isEmpty()) continue;
            auto* item = new CircuitEdgeItem(graph_.edges[j], layout_.edges[j], maxAbsScore_, int(j),
                                             styles_.empty() ? nullptr : &styles_[j]);
            if (layered) {
                item->setDrawnByLayer(true);
                layerSprites_.push_back(item->sprite());
            }
            scene()->addItem(item);
            ++drawnEdges_;
        }
    }
    if (end < std::min(graph_.edges.size(), layout_.edges.size()))
        QTimer::singleShot(0, this, [this, generation, end] { addEdgeBatch(generation, end); });
    else
        finishDrawing();
}

void CircuitView::finishDrawing() {
    layout_ = CircuitLayout();
    // Repainting thousands of curves takes the GUI thread hundreds of milliseconds on every zoom, scroll or
    // selection: a large drawing's edges are painted from a layer rendered on another thread instead
    // (docs/performance.md, "Circuit view").
    if (!layerSprites_.empty()) {
        edgeLayer_ = new CircuitEdgeLayer(std::move(layerSprites_), this);
        layerSprites_.clear();
        connect(edgeLayer_, &CircuitEdgeLayer::rendered, viewport(), qOverload<>(&QWidget::update));
    }
    viewport()->setUpdatesEnabled(true);
    layingOut_ = false;
    emit layoutFinished();
}

QRectF CircuitView::figureRect() const { return paddedItemsRect(*scene(), 10); }

void CircuitView::fitAll() {
    if (scene()->items().isEmpty()) return;
    fitInView(scene()->itemsBoundingRect(), Qt::KeepAspectRatio);
    // Never blow a small circuit up beyond twice its natural size.
    if (transform().m11() > 2.0) setTransform(QTransform::fromScale(2.0, 2.0));
}

// A circuit across many layers is tall: fitted whole, its labels are too small to read. It is fitted to its
// width instead, at most to a readable size, and shown from the top; scrolling goes down the layers.
void CircuitView::fitForReading() {
    if (scene()->items().isEmpty()) return;
    fitAll();
    if (fitsWhole_) return;
    const QRectF all = scene()->itemsBoundingRect();
    const double whole = transform().m11();
    const double toWidth = 0.98 * viewport()->width() / std::max(1.0, all.width());
    const double scale = std::max(whole, std::min(toWidth, kReadableScale));
    if (scale <= whole) return;
    setTransform(QTransform::fromScale(scale, scale));
    centerOn(all.center().x(), all.top() + 0.5 * viewport()->height() / scale);
}

void CircuitView::wheelEvent(QWheelEvent* event) {
    const double factor = std::pow(1.0015, event->angleDelta().y());
    const double zoom = transform().m11() * factor;
    if (zoom > 0.02 && zoom < 40) scale(factor, factor);
    autoFit_ = false;
    event->accept();
}

// The edge layer lies under the nodes and the highlighted edge, which the scene paints as items.
void CircuitView::drawBackground(QPainter* painter, const QRectF& rect) {
    QGraphicsView::drawBackground(painter, rect);
    if (!edgeLayer_) return;
    const QRect shown = viewport()->rect();
    // Half a view of margin on each side: a scroll shows what is already rendered.
    const QRect margin = shown.adjusted(-shown.width() / 2, -shown.height() / 2, shown.width() / 2, shown.height() / 2);
    const QRectF visible = mapToScene(shown).boundingRect().intersected(sceneRect());
    const QRectF region = mapToScene(margin).boundingRect().intersected(sceneRect());
    edgeLayer_->paint(*painter, rect, visible, region, transform().m11(), viewport()->devicePixelRatioF());
}

void CircuitView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    if (autoFit_) fitForReading();
}

bool CircuitView::findNode(const QString& text) {
    const QString wanted = text.trimmed();
    if (wanted.isEmpty()) return false;
    QGraphicsItem* partial = nullptr;
    QGraphicsItem* exact = nullptr;
    for (QGraphicsItem* item : scene()->items()) {
        if (item->type() != kNodeType) continue;
        const QString& name = graph_.nodes[size_t(item->data(kIndexKey).toInt())].name;
        if (name.compare(wanted, Qt::CaseInsensitive) == 0) exact = item;
        else if (!partial && name.contains(wanted, Qt::CaseInsensitive)) partial = item;
    }
    QGraphicsItem* found = exact ? exact : partial;
    if (!found) return false;
    {
        QSignalBlocker block(scene());
        scene()->clearSelection();
        found->setSelected(true);
    }
    if (transform().m11() < 1.0) setTransform(QTransform());
    autoFit_ = false;
    centerOn(found);
    return true;
}

void CircuitView::highlightEdge(int index) {
    QSignalBlocker block(scene());
    scene()->clearSelection();
    for (QGraphicsItem* item : scene()->items()) {
        if (item->type() == kEdgeType && item->data(kIndexKey).toInt() == index) {
            item->setSelected(true);
            ensureVisible(item, 40, 40);
            return;
        }
    }
}

int CircuitView::highlightedEdge() const {
    for (QGraphicsItem* item : scene()->selectedItems())
        if (item->type() == kEdgeType) return item->data(kIndexKey).toInt();
    return -1;
}

void CircuitView::onSceneSelectionChanged() {
    const QList<QGraphicsItem*> selected = scene()->selectedItems();
    if (selected.isEmpty()) return;
    QGraphicsItem* item = selected.first();
    const int index = item->data(kIndexKey).toInt();
    if (item->type() == kEdgeType) emit edgeClicked(index);
    else if (item->type() == kNodeType) emit nodeClicked(graph_.nodes[size_t(index)].name);
}

}  // namespace redit::gui
