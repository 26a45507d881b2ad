#pragma once
#include <QWidget>

#include "models/analysis_data.h"
#include "models/edit_results.h"
#include "export/figure_export.h"

class QBarSeries;
class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QStandardItemModel;
class QTabWidget;
class QTableView;

namespace redit::gui {

// Editing results (methods x levels x seeds, generality and locality in percent): the paper-style table
// (methods x levels, mean ± std over seeds), the per-seed table and a bar chart of the seed means per level.
// Copy and export (CSV or LaTeX) write the table on the visible tab.
class ResultsView : public QWidget, public FigureSource {
    Q_OBJECT
public:
    explicit ResultsView(QWidget* parent = nullptr);

    void setResults(std::vector<EditResult> results);
    // A line above the tables saying where the results come from (e.g. which run each level's rows are from);
    // empty hides it.
    void setNote(const QString& text);
    QString note() const;
    const std::vector<EditResult>& results() const { return results_; }
    const std::vector<ResultsSummaryCell>& summary() const { return summary_; }
    QTableView* summaryTable() const { return summaryTable_; }
    QTableView* seedTable() const { return table_; }
    // The visible table as CSV or LaTeX (what Copy and Export write).
    QString tableText(bool latex) const;
    QChart* chart() const { return chart_; }

    QGraphicsScene* figureScene() const override;
    QRectF figureRect() const override;

private:
    void fillSeedTable();
    void fillSummaryTable();
    void redrawChart();
    void copyCsv();
    void exportTable(bool latex);

    std::vector<EditResult> results_;
    std::vector<ResultsSummaryCell> summary_;
    QStandardItemModel* model_;
    QTableView* table_;
    QStandardItemModel* summaryModel_;
    QTableView* summaryTable_;
    QTabWidget* tables_;
    QComboBox* measure_;
    QLabel* note_;
    QChart* chart_;
    QChartView* chartView_;
};

}  // namespace redit::gui
