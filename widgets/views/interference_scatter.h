#pragma once
#include <QWidget>

#include "models/analysis_data.h"
#include "export/figure_export.h"

class QCheckBox;
class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QScatterSeries;

namespace redit::gui {

// Circuit distance against interference Delta for one metric and budget: same-pattern and cross-pattern
// points styled apart, the regression line with its 95% band, and beta, r, p, n above the chart.
// Hovering a point shows its pattern pair; clicking emits it.
class InterferenceScatter : public QWidget, public FigureSource {
    Q_OBJECT
public:
    explicit InterferenceScatter(QWidget* parent = nullptr);

    void setSets(std::vector<InterferenceSet> sets);
    void setMetric(const QString& metric);
    void setBudget(const QString& budget);
    void setReferenceFilter(bool on);
    QString metric() const;
    QString budget() const;
    bool referenceFilter() const;

    // The set on show, or nullptr when no set matches the selectors.
    const InterferenceSet* currentSet() const;
    QString statisticsText() const;
    QChart* chart() const { return chart_; }

    QGraphicsScene* figureScene() const override;
    QRectF figureRect() const override;

signals:
    void pairClicked(const QString& editedPattern, const QString& probedPattern);

private:
    void redraw();
    const InterferencePoint* pointAt(const QPointF& value) const;

    std::vector<InterferenceSet> sets_;
    QComboBox* metricBox_;
    QComboBox* budgetBox_;
    QCheckBox* filterBox_;
    QLabel* statistics_;
    QChart* chart_;
    QChartView* chartView_;
};

}  // namespace redit::gui
