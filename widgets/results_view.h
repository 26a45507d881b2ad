#pragma once
#include <QWidget>

#include "analysis_data.h"
#include "figure_export.h"

class QBarSeries;
class QChart;
class QChartView;
class QComboBox;
class QStandardItemModel;
class QTableView;

namespace redit::gui {

// Editing results (methods x levels x seeds, generality and locality): a sortable table and a bar chart of
// the seed means per level, with copy and export as CSV or LaTeX.
class ResultsView : public QWidget, public FigureSource {
    Q_OBJECT
public:
    explicit ResultsView(QWidget* parent = nullptr);

    void setResults(std::vector<EditResult> results);
    const std::vector<EditResult>& results() const { return results_; }
    QChart* chart() const { return chart_; }

    QGraphicsScene* figureScene() const override;
    QRectF figureRect() const override;

private:
    void redrawChart();
    void copyCsv();
    void exportTable(bool latex);

    std::vector<EditResult> results_;
    QStandardItemModel* model_;
    QTableView* table_;
    QComboBox* measure_;
    QChart* chart_;
    QChartView* chartView_;
};

}  // namespace redit::gui
