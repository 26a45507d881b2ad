#pragma once
#include <QWidget>

class QPushButton;
class QTableView;

namespace redit::gui {

class RunMonitorModel;

// The runs pane: a table with progress bars and ETA, and a Cancel button that asks before cancelling.
class RunMonitor : public QWidget {
    Q_OBJECT
public:
    explicit RunMonitor(QWidget* parent = nullptr);
    ~RunMonitor() override;
    RunMonitorModel* model() const { return model_; }
    QTableView* table() const { return table_; }

signals:
    void cancelRequested(const QString& runId);

private:
    void updateCancelButton();
    void cancelSelected();

    RunMonitorModel* model_;
    QTableView* table_;
    QPushButton* cancel_;
};

}  // namespace redit::gui
