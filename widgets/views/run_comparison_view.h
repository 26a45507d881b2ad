#pragma once
#include <QPointF>
#include <QVector>
#include <QWidget>
#include <functional>

#include "export/figure_export.h"
#include "models/run_comparison.h"

class QChart;
class QComboBox;
class QStandardItemModel;
class QTableView;

namespace redit::gui {

// Two runs compared: a table of their config and provenance fields with the differing rows highlighted, and
// one metric of both runs on one chart (the metric chooser lists the metrics of either run).
class RunComparisonView : public QWidget, public FigureSource {
    Q_OBJECT
public:
    // (step, value) points of a metric of a run; throws with a readable message when it fails.
    using SeriesLoader = std::function<QVector<QPointF>(const QString& runId, const QString& metric)>;

    explicit RunComparisonView(QWidget* parent = nullptr);

    void setRuns(const RunDetails& a, const RunDetails& b, SeriesLoader series);
    const std::vector<RunFieldRow>& rows() const { return rows_; }
    QTableView* table() const { return table_; }
    QComboBox* metricBox() const { return metric_; }
    QChart* chart() const { return chart_; }

    QGraphicsScene* figureScene() const override;
    QRectF figureRect() const override;

private:
    void redrawChart();

    QString idA_, idB_;
    SeriesLoader series_;
    std::vector<RunFieldRow> rows_;
    QStandardItemModel* model_;
    QTableView* table_;
    QComboBox* metric_;
    QChart* chart_;
};

}  // namespace redit::gui
