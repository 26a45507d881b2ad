#include "views/distance_heatmap.h"

#include <QComboBox>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QHBoxLayout>
#include <QLabel>
#include <QLinearGradient>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace redit::gui {
namespace {

constexpr double kCell = 36;
constexpr int kRowKey = 0;
constexpr int kColumnKey = 1;

// Viridis at five stops, interpolated linearly.
QColor viridis(double t) {
    static const QColor stops[] = {QColor(68, 1, 84), QColor(59, 82, 139), QColor(33, 145, 140),
                                   QColor(94, 201, 98), QColor(253, 231, 37)};
    t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0) * 4.0;
    const int i = std::min(3, int(t));
    const double f = t - i;
    const QColor& a = stops[i];
    const QColor& b = stops[i + 1];
    return QColor::fromRgbF(float(a.redF() + f * (b.redF() - a.redF())), float(a.greenF() + f * (b.greenF() - a.greenF())),
                            float(a.blueF() + f * (b.blueF() - a.blueF())));
}

}  // namespace

DistanceHeatmap::DistanceHeatmap(QWidget* parent)
    : QWidget(parent), metricBox_(new QComboBox(this)), scene_(new QGraphicsScene(this)), view_(new QGraphicsView(scene_, this)) {
    metricBox_->setToolTip(tr("Distance metric between pattern circuits"));
    metricBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    view_->setRenderHint(QPainter::Antialiasing);
    view_->setBackgroundBrush(Qt::white);
    auto* controls = new QHBoxLayout;
    auto* label = new QLabel(tr("&Metric:"), this);
    label->setBuddy(metricBox_);
    controls->addWidget(label);
    controls->addWidget(metricBox_);
    controls->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(view_, 1);
    view_->viewport()->installEventFilter(this);
    connect(metricBox_, &QComboBox::currentTextChanged, this, &DistanceHeatmap::redraw);
    connect(scene_, &QGraphicsScene::selectionChanged, this, &DistanceHeatmap::onSelectionChanged);
}

DistanceHeatmap::~DistanceHeatmap() { scene_->disconnect(this); }  // the scene is deleted after our members

void DistanceHeatmap::setDistances(PatternDistances distances) {
    distances_ = std::move(distances);
    const QString previous = metricBox_->currentText();
    {
        QSignalBlocker block(metricBox_);
        metricBox_->clear();
        for (const DistanceMatrix& m : distances_.metrics) metricBox_->addItem(m.metric);
        const int keep = metricBox_->findText(previous);
        metricBox_->setCurrentIndex(keep >= 0 ? keep : 0);
    }
    redraw();
}

QString DistanceHeatmap::metric() const { return metricBox_->currentText(); }

void DistanceHeatmap::setMetric(const QString& metric) {
    const int index = metricBox_->findText(metric);
    if (index >= 0) metricBox_->setCurrentIndex(index);
}

void DistanceHeatmap::redraw() {
    QSignalBlocker block(scene_);
    scene_->clear();
    cells_ = 0;
    const int index = metricBox_->currentIndex();
    if (index < 0 || index >= int(distances_.metrics.size())) return;
    const DistanceMatrix& m = distances_.metrics[size_t(index)];
    const int n = int(distances_.patterns.size());
    if (n == 0 || m.values.size() != size_t(n) * size_t(n)) {
        scene_->addText(tr("The %1 matrix has %2 values; %3 patterns need %4.")
                            .arg(m.metric).arg(m.values.size()).arg(n).arg(n * n));
        return;
    }
    double lo = INFINITY, hi = -INFINITY;
    for (double v : m.values)
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    if (!(hi > lo)) hi = lo + 1;

    QFont small;
    small.setPointSizeF(8);
    for (int i = 0; i < n; ++i) {
        QGraphicsSimpleTextItem* rowLabel = scene_->addSimpleText(distances_.patterns[i]);
        rowLabel->setPos(-rowLabel->boundingRect().width() - 6, i * kCell + (kCell - rowLabel->boundingRect().height()) / 2);
        QGraphicsSimpleTextItem* columnLabel = scene_->addSimpleText(distances_.patterns[i]);
        columnLabel->setRotation(-45);
        columnLabel->setPos(i * kCell + kCell / 3, -6);
        for (int j = 0; j < n; ++j) {
            const double v = m.values[size_t(i) * size_t(n) + size_t(j)];
            const double t = (v - lo) / (hi - lo);
            auto* cell = scene_->addRect(j * kCell, i * kCell, kCell, kCell, QPen(Qt::white, 1), viridis(t));
            cell->setFlag(QGraphicsItem::ItemIsSelectable);
            cell->setData(kRowKey, i);
            cell->setData(kColumnKey, j);
            cell->setToolTip(tr("%1 – %2\n%3 = %4").arg(distances_.patterns[i], distances_.patterns[j], m.metric)
                                 .arg(v, 0, 'g', 4));
            if (n <= 12) {
                auto* text = scene_->addSimpleText(QString::number(v, 'f', 2), small);
                text->setBrush(t > 0.6 ? Qt::black : Qt::white);
                text->setPos(j * kCell + (kCell - text->boundingRect().width()) / 2,
                             i * kCell + (kCell - text->boundingRect().height()) / 2);
                text->setAcceptedMouseButtons(Qt::NoButton);
            }
            ++cells_;
        }
    }
    // Colour bar with the metric's range.
    const double barX = n * kCell + 24;
    QLinearGradient gradient(0, n * kCell, 0, 0);
    for (int s = 0; s <= 4; ++s) gradient.setColorAt(s / 4.0, viridis(s / 4.0));
    scene_->addRect(barX, 0, 14, n * kCell, QPen(Qt::gray), gradient);
    scene_->addSimpleText(QString::number(hi, 'g', 3))->setPos(barX + 18, -4);
    scene_->addSimpleText(QString::number(lo, 'g', 3))->setPos(barX + 18, n * kCell - 14);
    QGraphicsSimpleTextItem* title = scene_->addSimpleText(m.metric);
    title->setPos(barX + 18, n * kCell / 2 - 7);
    scene_->setSceneRect(scene_->itemsBoundingRect().adjusted(-10, -10, 10, 10));
    fitView();
}

void DistanceHeatmap::fitView() {
    view_->fitInView(scene_->sceneRect(), Qt::KeepAspectRatio);
    if (view_->transform().m11() > 1.5) view_->setTransform(QTransform::fromScale(1.5, 1.5));
}

bool DistanceHeatmap::eventFilter(QObject* watched, QEvent* event) {
    if (watched == view_->viewport() && event->type() == QEvent::Resize) fitView();
    return QWidget::eventFilter(watched, event);
}

QRectF DistanceHeatmap::figureRect() const { return paddedItemsRect(*scene_, 10); }

void DistanceHeatmap::onSelectionChanged() {
    const QList<QGraphicsItem*> selected = scene_->selectedItems();
    if (selected.isEmpty()) return;
    emit pairClicked(selected.first()->data(kRowKey).toInt(), selected.first()->data(kColumnKey).toInt());
}

}  // namespace redit::gui
