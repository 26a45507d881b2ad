#pragma once
#include <QWidget>

class QComboBox;
class QLineEdit;
class QPushButton;
class QTableView;

namespace redit::gui {

class RunMonitorModel;

// The runs pane: a table with progress bars and ETA, a filter by text (name or id) and state above it, and a
// Cancel button that asks before cancelling. Filtered-out runs are hidden rows, so the table's rows stay the
// model's rows.
class RunMonitor : public QWidget {
    Q_OBJECT
public:
    explicit RunMonitor(QWidget* parent = nullptr);
    ~RunMonitor() override;
    RunMonitorModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    QLineEdit* textFilter() const { return textFilter_; }
    QComboBox* stateFilter() const { return stateFilter_; }
    // Hides the rows the filter leaves out; the model's changes call it.
    void applyFilter();

signals:
    void cancelRequested(const QString& runId);

private:
    void updateCancelButton();
    void cancelSelected();

    RunMonitorModel* model_;
    QTableView* table_;
    QPushButton* cancel_;
    QLineEdit* textFilter_;
    QComboBox* stateFilter_;  // item data: the MonitoredRun::State, or -1 for every state
};

}  // namespace redit::gui
