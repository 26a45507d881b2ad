#pragma once
#include <QWidget>

#include "adapters/sweep_status_reader.h"

class QLabel;
class QPushButton;
class QTreeWidget;

namespace redit::gui {

// The Sweeps pane: each sweep of the project with its cells (values, state, progress, Slurm job and node),
// and buttons that collect the selected sweep's finished cells into the project or resume its stopped
// cells. setSweeps keeps what was expanded and selected.
class SweepMonitor : public QWidget {
    Q_OBJECT
public:
    explicit SweepMonitor(QWidget* parent = nullptr);

    void setSweeps(const QList<SweepView>& sweeps);
    QTreeWidget* tree() const { return tree_; }
    QPushButton* collectButton() const { return collect_; }
    QPushButton* resumeButton() const { return resume_; }
    // The spec of the selected sweep (or of the selected cell's sweep); empty when none.
    QString selectedSpec() const;
    void selectSpec(const QString& spec);

signals:
    void collectRequested(const QString& spec);
    void resumeRequested(const QString& spec);

private:
    void updateButtons();

    QTreeWidget* tree_;
    QLabel* notes_;
    QPushButton* collect_;
    QPushButton* resume_;
    QList<SweepView> sweeps_;
};

}  // namespace redit::gui
