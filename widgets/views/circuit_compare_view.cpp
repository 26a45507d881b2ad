#include "views/circuit_compare_view.h"

#include <QDoubleSpinBox>
#include <QGraphicsLineItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

#include "views/circuit_view.h"

namespace redit::gui {

EdgeStyle CircuitCompareView::styleOf(EdgeMembership membership) {
    switch (membership) {
    case EdgeMembership::OnlyA: return {QColor(0x25, 0x63, 0xeb), Qt::SolidLine};
    case EdgeMembership::OnlyB: return {QColor(0xea, 0x58, 0x0c), Qt::DashLine};
    case EdgeMembership::Shared: break;
    }
    return {QColor(0x52, 0x52, 0x5b), Qt::SolidLine};
}

CircuitCompareView::CircuitCompareView(QWidget* parent)
    : QWidget(parent), budget_(new QDoubleSpinBox(this)), summary_(new QLabel(this)), view_(new CircuitView(this)) {
    budget_->setRange(0.01, 1.0);
    budget_->setSingleStep(0.05);
    budget_->setDecimals(2);
    budget_->setValue(comparison_.budget);
    budget_->setKeyboardTracking(false);
    budget_->setToolTip(tr("Fraction of each circuit's edges kept (strongest |score| first, dangling edges pruned)"));
    auto* budgetLabel = new QLabel(tr("&Budget:"), this);
    budgetLabel->setBuddy(budget_);
    auto* fit = new QPushButton(tr("&Fit"), this);
    fit->setShortcut(QKeySequence(Qt::Key_F));
    fit->setToolTip(tr("Fit the drawing into the view (F)"));
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setWordWrap(true);

    auto* controls = new QHBoxLayout;
    controls->addWidget(budgetLabel);
    controls->addWidget(budget_);
    controls->addWidget(summary_, 1);
    controls->addWidget(fit);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(view_, 1);

    connect(budget_, &QDoubleSpinBox::valueChanged, this, [this](double budget) {
        if (budget != comparison_.budget && loader_) load(budget);
    });
    connect(fit, &QPushButton::clicked, view_, &CircuitView::fitAll);
    connect(view_, &CircuitView::layoutFinished, this, &CircuitCompareView::addLegend);
}

QString CircuitCompareView::load(double budget) {
    try {
        setComparison(loader_(budget));
        return {};
    } catch (const std::exception& e) {  // redit::Error, or SQLite's from a damaged file
        const QString message = QString::fromStdString(e.what());
        summary_->setText(tr("Cannot compare at budget %1: %2").arg(budget).arg(message.toHtmlEscaped()));
        return message;
    }
}

void CircuitCompareView::setComparison(CircuitComparison comparison) {
    comparison_ = std::move(comparison);
    merged_ = mergeCircuits(comparison_.a, comparison_.b);
    {
        const QSignalBlocker block(budget_);
        budget_->setValue(comparison_.budget);
    }
    summary_->setText(tr("<b>A</b> %1 &nbsp; <b>B</b> %2<br>shared %3 · only A %4 · only B %5 &nbsp; | &nbsp; %6")
                          .arg(comparison_.labelA.toHtmlEscaped(), comparison_.labelB.toHtmlEscaped())
                          .arg(merged_.shared)
                          .arg(merged_.onlyA)
                          .arg(merged_.onlyB)
                          .arg(distanceText().toHtmlEscaped()));
    std::vector<EdgeStyle> styles;
    for (EdgeMembership m : merged_.membership) styles.push_back(styleOf(m));
    view_->setCircuit(merged_.graph, std::move(styles));
}

QString CircuitCompareView::distanceText() const {
    QStringList parts;
    for (const auto& [metric, value] : comparison_.distances) parts << QStringLiteral("%1 %2").arg(metric).arg(value, 0, 'f', 3);
    return parts.join(QStringLiteral(" · "));
}

// The legend and figures go into the scene, above the drawing, so that an exported figure carries them.
void CircuitCompareView::addLegend() {
    QGraphicsScene* scene = view_->scene();
    if (view_->drawnEdgeCount() == 0) return;  // a notice (too many edges, layout error) is shown instead
    const QRectF drawing = scene->itemsBoundingRect();
    // Scene units grow with the circuit: size the legend so that it reads like the node labels at any zoom.
    const double unit = std::max(1.0, drawing.width() / 1300.0);
    QFont font(QStringLiteral("Sans Serif"));
    font.setPointSizeF(10 * unit);
    const double lineHeight = 20 * unit;
    double y = drawing.top() - 4 * lineHeight - 12 * unit;
    auto text = [&](const QString& s, double x, double top) {
        auto* item = scene->addSimpleText(s, font);
        item->setPos(x, top);
        return item;
    };
    text(tr("Budget %1: %2").arg(comparison_.budget, 0, 'f', 2).arg(distanceText()), drawing.left(), y);
    const struct {
        EdgeMembership membership;
        QString label;
        int count;
    } rows[] = {{EdgeMembership::Shared, tr("shared"), merged_.shared},
                {EdgeMembership::OnlyA, tr("only in A: %1").arg(comparison_.labelA), merged_.onlyA},
                {EdgeMembership::OnlyB, tr("only in B: %1").arg(comparison_.labelB), merged_.onlyB}};
    for (const auto& row : rows) {
        y += lineHeight;
        const EdgeStyle style = styleOf(row.membership);
        QPen pen(style.colour, 3 * unit, style.line);
        scene->addLine(drawing.left(), y + lineHeight / 2, drawing.left() + 40 * unit, y + lineHeight / 2, pen);
        text(QStringLiteral("%1 (%2)").arg(row.label).arg(row.count), drawing.left() + 48 * unit, y);
    }
    scene->setSceneRect(scene->itemsBoundingRect().adjusted(-20, -20, 20, 20));
    view_->fitAll();
}

QGraphicsScene* CircuitCompareView::figureScene() const { return view_->figureScene(); }

QRectF CircuitCompareView::figureRect() const { return view_->figureRect(); }

}  // namespace redit::gui
