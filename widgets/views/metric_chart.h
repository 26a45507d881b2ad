#pragma once
#include <QPointF>
#include <QVector>
#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QLineSeries;
class QValueAxis;

namespace redit::gui {

// A line chart of one metric of one run (step against value) with a chooser of the run's metrics.
class MetricChart : public QWidget {
    Q_OBJECT
public:
    explicit MetricChart(QWidget* parent = nullptr);

    // The metric names of the shown run; keeps the chosen metric when the new list has it (a loss stays chosen).
    void setMetricNames(const QStringList& names);
    QString currentMetric() const;
    void setPoints(const QString& title, const QVector<QPointF>& points);
    int pointCount() const;
    QString title() const;

signals:
    void metricChosen(const QString& metric);

private:
    QComboBox* metric_;
    QChart* chart_;
    QChartView* view_;
    QLineSeries* series_;
    QValueAxis* x_;
    QValueAxis* y_;
};

}  // namespace redit::gui
