#include "views/interference_scatter.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QCursor>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace redit::gui {
namespace {

void fillUnique(QComboBox* box, const QStringList& values) {
    const QString previous = box->currentText();
    QSignalBlocker block(box);
    box->clear();
    box->addItems(values);
    const int keep = box->findText(previous);
    box->setCurrentIndex(keep >= 0 ? keep : 0);
}

}  // namespace

InterferenceScatter::InterferenceScatter(QWidget* parent)
    : QWidget(parent),
      metricBox_(new QComboBox(this)),
      budgetBox_(new QComboBox(this)),
      filterBox_(new QCheckBox(tr("&Reference filter (Δ ≥ 0.1)"), this)),
      statistics_(new QLabel(this)),
      chart_(new QChart),
      chartView_(new QChartView(chart_, this)) {
    metricBox_->setToolTip(tr("Circuit distance metric on the x axis"));
    budgetBox_->setToolTip(tr("Edge budget τ of the circuits"));
    filterBox_->setToolTip(tr("Show the points and fit of the reference figure, which drops pairs with Δ < 0.1"));
    statistics_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    chartView_->setRenderHint(QPainter::Antialiasing);
    chart_->setMargins(QMargins(6, 6, 6, 6));

    auto* controls = new QHBoxLayout;
    auto* metricLabel = new QLabel(tr("&Metric:"), this);
    metricLabel->setBuddy(metricBox_);
    auto* budgetLabel = new QLabel(tr("&Budget:"), this);
    budgetLabel->setBuddy(budgetBox_);
    controls->addWidget(metricLabel);
    controls->addWidget(metricBox_);
    controls->addWidget(budgetLabel);
    controls->addWidget(budgetBox_);
    controls->addWidget(filterBox_);
    controls->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(statistics_);
    layout->addWidget(chartView_, 1);

    connect(metricBox_, &QComboBox::currentTextChanged, this, &InterferenceScatter::redraw);
    connect(budgetBox_, &QComboBox::currentTextChanged, this, &InterferenceScatter::redraw);
    connect(filterBox_, &QCheckBox::toggled, this, &InterferenceScatter::redraw);
}

void InterferenceScatter::setSets(std::vector<InterferenceSet> sets) {
    sets_ = std::move(sets);
    QStringList metrics, budgets;
    for (const InterferenceSet& s : sets_) {
        if (!metrics.contains(s.metric)) metrics << s.metric;
        if (!budgets.contains(s.budget)) budgets << s.budget;
    }
    fillUnique(metricBox_, metrics);
    fillUnique(budgetBox_, budgets);
    redraw();
}

void InterferenceScatter::setMetric(const QString& metric) { metricBox_->setCurrentIndex(metricBox_->findText(metric)); }
void InterferenceScatter::setBudget(const QString& budget) { budgetBox_->setCurrentIndex(budgetBox_->findText(budget)); }
void InterferenceScatter::setReferenceFilter(bool on) { filterBox_->setChecked(on); }
QString InterferenceScatter::metric() const { return metricBox_->currentText(); }
QString InterferenceScatter::budget() const { return budgetBox_->currentText(); }
bool InterferenceScatter::referenceFilter() const { return filterBox_->isChecked(); }

const InterferenceSet* InterferenceScatter::currentSet() const {
    for (const InterferenceSet& s : sets_)
        if (s.metric == metric() && s.budget == budget() && s.referenceFilter == referenceFilter()) return &s;
    return nullptr;
}

QString InterferenceScatter::statisticsText() const { return statistics_->text(); }

void InterferenceScatter::redraw() {
    chart_->removeAllSeries();
    for (QAbstractAxis* axis : chart_->axes()) {
        chart_->removeAxis(axis);
        delete axis;
    }
    const InterferenceSet* set = currentSet();
    if (!set) {
        statistics_->setText(tr("No data for this metric, budget and filter."));
        chart_->setTitle(QString());
        return;
    }
    const InterferenceFit& fit = set->fit;
    statistics_->setText(tr("β = %1   r = %2   p = %3   n = %4")
                             .arg(fit.beta, 0, 'f', 3).arg(fit.r, 0, 'f', 3).arg(fit.p, 0, 'g', 3).arg(fit.n));
    chart_->setTitle(tr("Interference against circuit distance (%1, budget %2)").arg(set->metric, set->budget));

    double xMin = INFINITY, xMax = -INFINITY, yMin = INFINITY, yMax = -INFINITY;
    auto extend = [&](double x, double y) {
        if (!std::isfinite(x) || !std::isfinite(y)) return;
        xMin = std::min(xMin, x), xMax = std::max(xMax, x), yMin = std::min(yMin, y), yMax = std::max(yMax, y);
    };
    std::vector<QAbstractSeries*> series;
    if (!fit.band.empty()) {
        auto* band = new QAreaSeries;
        auto* upper = new QLineSeries(band);
        auto* lower = new QLineSeries(band);
        for (const InterferenceFit::BandPoint& b : fit.band) {
            upper->append(b.distance, b.upper);
            lower->append(b.distance, b.lower);
            extend(b.distance, b.upper);
            extend(b.distance, b.lower);
        }
        band->setUpperSeries(upper);
        band->setLowerSeries(lower);
        band->setName(tr("95% band"));
        band->setColor(QColor(37, 99, 235, 50));
        band->setBorderColor(Qt::transparent);
        series.push_back(band);
    }

    auto* same = new QScatterSeries;
    same->setName(tr("same pattern"));
    same->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    same->setMarkerSize(9);
    same->setColor(QColor(0xea, 0x58, 0x0c));
    auto* cross = new QScatterSeries;
    cross->setName(tr("cross pattern"));
    cross->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    cross->setMarkerSize(7);
    cross->setColor(QColor(0x25, 0x63, 0xeb));
    for (const InterferencePoint& p : set->points) {
        if (!std::isfinite(p.distance) || !std::isfinite(p.delta)) continue;
        (p.samePattern() ? same : cross)->append(p.distance, p.delta);
        extend(p.distance, p.delta);
    }
    auto* line = new QLineSeries;
    line->setName(tr("fit Δ = α + β·d"));
    line->setPen(QPen(QColor(0x1e, 0x29, 0x3b), 2));
    if (std::isfinite(xMin)) {
        line->append(xMin, fit.alpha + fit.beta * xMin);
        line->append(xMax, fit.alpha + fit.beta * xMax);
        extend(xMin, fit.alpha + fit.beta * xMin);
        extend(xMax, fit.alpha + fit.beta * xMax);
    } else {
        xMin = yMin = 0, xMax = yMax = 1;
    }

    auto* xAxis = new QValueAxis;
    xAxis->setTitleText(tr("circuit distance (%1)").arg(set->metric));
    auto* yAxis = new QValueAxis;
    yAxis->setTitleText(tr("interference Δ"));
    const double xPad = std::max(1e-9, (xMax - xMin) * 0.05), yPad = std::max(1e-9, (yMax - yMin) * 0.05);
    xAxis->setRange(xMin - xPad, xMax + xPad);
    yAxis->setRange(yMin - yPad, yMax + yPad);
    chart_->addAxis(xAxis, Qt::AlignBottom);
    chart_->addAxis(yAxis, Qt::AlignLeft);
    series.insert(series.end(), {line, cross, same});
    for (QAbstractSeries* s : series) {
        chart_->addSeries(s);
        s->attachAxis(xAxis);
        s->attachAxis(yAxis);
    }
    for (QScatterSeries* points : {same, cross}) {
        connect(points, &QScatterSeries::hovered, this, [this](const QPointF& value, bool entered) {
            const InterferencePoint* p = entered ? pointAt(value) : nullptr;
            if (p) QToolTip::showText(QCursor::pos(), tr("edited %1, probed %2\nd = %3, Δ = %4")
                                                          .arg(p->editedPattern, p->probedPattern)
                                                          .arg(p->distance, 0, 'g', 4).arg(p->delta, 0, 'g', 4));
            else QToolTip::hideText();
        });
        connect(points, &QScatterSeries::clicked, this, [this](const QPointF& value) {
            if (const InterferencePoint* p = pointAt(value)) emit pairClicked(p->editedPattern, p->probedPattern);
        });
    }
}

const InterferencePoint* InterferenceScatter::pointAt(const QPointF& value) const {
    const InterferenceSet* set = currentSet();
    if (!set) return nullptr;
    const InterferencePoint* best = nullptr;
    double bestDistance = INFINITY;
    for (const InterferencePoint& p : set->points) {
        const double d = std::hypot(p.distance - value.x(), p.delta - value.y());
        if (d < bestDistance) bestDistance = d, best = &p;
    }
    return best;
}

QGraphicsScene* InterferenceScatter::figureScene() const { return chart_->scene(); }

QRectF InterferenceScatter::figureRect() const { return chart_->sceneBoundingRect(); }

}  // namespace redit::gui
