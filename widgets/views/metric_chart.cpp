#include "views/metric_chart.h"

#include <QChartView>
#include <QComboBox>
#include <QLabel>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>
#include <algorithm>

namespace redit::gui {

MetricChart::MetricChart(QWidget* parent)
    : QWidget(parent), metric_(new QComboBox(this)), chart_(new QChart), view_(new QChartView(chart_, this)),
      series_(new QLineSeries(chart_)), x_(new QValueAxis(chart_)), y_(new QValueAxis(chart_)) {
    metric_->setObjectName(QStringLiteral("metricBox"));
    metric_->setToolTip(tr("The metric of the selected run to plot"));
    chart_->addSeries(series_);
    chart_->addAxis(x_, Qt::AlignBottom);
    chart_->addAxis(y_, Qt::AlignLeft);
    series_->attachAxis(x_);
    series_->attachAxis(y_);
    x_->setTitleText(tr("step"));
    x_->setLabelFormat(QStringLiteral("%d"));
    x_->setRange(0, 10);
    x_->setTickCount(6);
    chart_->legend()->hide();
    chart_->setMargins(QMargins(2, 2, 2, 2));
    view_->setRenderHint(QPainter::Antialiasing);
    view_->setMinimumSize(240, 150);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Metric:"), this));
    top->addWidget(metric_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(top);
    layout->addWidget(view_, 1);
    connect(metric_, &QComboBox::currentTextChanged, this, &MetricChart::metricChosen);
}

void MetricChart::setMetricNames(const QStringList& names) {
    const QString current = metric_->currentText();
    QSignalBlocker block(metric_);
    metric_->clear();
    metric_->addItems(names);
    const int index = metric_->findText(current);
    const int loss = metric_->findText(QStringLiteral("loss"));
    metric_->setCurrentIndex(index >= 0 ? index : loss >= 0 ? loss : 0);
}

QString MetricChart::currentMetric() const { return metric_->currentText(); }

void MetricChart::setPoints(const QString& title, const QVector<QPointF>& points) {
    chart_->setTitle(title);
    series_->replace(points);
    if (points.isEmpty()) {
        x_->setRange(0, 10);
        y_->setRange(0, 1);
        return;
    }
    auto [minY, maxY] = std::minmax_element(points.begin(), points.end(),
                                            [](const QPointF& a, const QPointF& b) { return a.y() < b.y(); });
    const double pad = std::max(1e-9, (maxY->y() - minY->y()) * 0.05);
    x_->setRange(points.front().x(), std::max(points.back().x(), points.front().x() + 10));
    x_->applyNiceNumbers();  // whole steps as labels
    y_->setRange(minY->y() - pad, maxY->y() + pad);
}

int MetricChart::pointCount() const { return int(series_->count()); }

QString MetricChart::title() const { return chart_->title(); }

}  // namespace redit::gui
