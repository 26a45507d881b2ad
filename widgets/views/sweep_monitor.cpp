#include "views/sweep_monitor.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace redit::gui {
namespace {

enum Column { Title, State, Progress, SlurmJob, Node, ColumnCount };
constexpr int kSpecRole = Qt::UserRole + 1;

QString executionText(const SweepExecution& execution) {
    if (execution.executor == SweepExecutor::Slurm)
        return SweepMonitor::tr("Slurm cluster") +
               (execution.siteFile.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(execution.siteFile));
    return SweepMonitor::tr("this machine, %n process(es)", nullptr, execution.processes);
}

QString sweepState(const SweepView& sweep) {
    if (!sweep.error.isEmpty()) return SweepMonitor::tr("unreadable");
    return SweepMonitor::tr("%1 done, %2 running, %3 pending, %4 failed")
        .arg(sweep.count(QStringLiteral("done")))
        .arg(sweep.count(QStringLiteral("running")))
        .arg(sweep.count(QStringLiteral("pending")))
        .arg(sweep.count(QStringLiteral("failed")));
}

QColor stateColour(const QString& state) {
    if (state == QStringLiteral("done")) return QColor(0x1b, 0x7f, 0x3b);
    if (state == QStringLiteral("failed")) return QColor(0xb0, 0x00, 0x20);
    if (state == QStringLiteral("running")) return QColor(0x0b, 0x53, 0x94);
    return QColor(0x60, 0x60, 0x60);
}

}  // namespace

SweepMonitor::SweepMonitor(QWidget* parent)
    : QWidget(parent), tree_(new QTreeWidget(this)), notes_(new QLabel(this)),
      collect_(new QPushButton(tr("&Collect Finished Cells"), this)), resume_(new QPushButton(tr("&Resume Stopped Cells"), this)) {
    tree_->setObjectName(QStringLiteral("sweepTree"));
    tree_->setColumnCount(ColumnCount);
    tree_->setHeaderLabels({tr("Sweep / cell"), tr("State"), tr("Progress"), tr("Slurm job"), tr("Node")});
    tree_->header()->setSectionResizeMode(Title, QHeaderView::Stretch);
    tree_->header()->setSectionResizeMode(State, QHeaderView::ResizeToContents);
    tree_->header()->setStretchLastSection(false);
    tree_->setRootIsDecorated(true);
    tree_->setUniformRowHeights(true);
    collect_->setObjectName(QStringLiteral("collectSweepButton"));
    collect_->setToolTip(tr("Merge the selected sweep's finished cells into this project (as often as you like: "
                            "cells merged before are skipped); the Results views then include them"));
    resume_->setObjectName(QStringLiteral("resumeSweepButton"));
    resume_->setToolTip(tr("Run the selected sweep's failed or stopped cells again from their checkpoints, "
                           "where the sweep was launched"));
    notes_->setWordWrap(true);
    notes_->setVisible(false);
    notes_->setStyleSheet(QStringLiteral("QLabel { color: #7a4b00; }"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(collect_);
    buttons->addWidget(resume_);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tree_, 1);
    layout->addWidget(notes_);
    layout->addLayout(buttons);
    connect(tree_, &QTreeWidget::itemSelectionChanged, this, &SweepMonitor::updateButtons);
    connect(collect_, &QPushButton::clicked, this, [this] { emit collectRequested(selectedSpec()); });
    connect(resume_, &QPushButton::clicked, this, [this] { emit resumeRequested(selectedSpec()); });
    setSweeps({});
}

void SweepMonitor::setSweeps(const QList<SweepView>& sweeps) {
    QSet<QString> expanded;
    for (int i = 0; i < tree_->topLevelItemCount(); ++i)
        if (tree_->topLevelItem(i)->isExpanded()) expanded << tree_->topLevelItem(i)->data(Title, kSpecRole).toString();
    const QString selected = selectedSpec();
    const bool firstFill = tree_->topLevelItemCount() == 0;
    sweeps_ = sweeps;
    tree_->clear();
    QStringList notes;
    for (const SweepView& sweep : sweeps) {
        auto* top = new QTreeWidgetItem(tree_);
        top->setText(Title, QStringLiteral("%1 — %2").arg(sweep.name, executionText(sweep.execution)));
        top->setToolTip(Title, sweep.error.isEmpty() ? sweep.spec : sweep.error);
        top->setText(State, sweepState(sweep));
        top->setData(Title, kSpecRole, sweep.spec);
        if (!sweep.cells.isEmpty()) {
            double progress = 0;
            for (const SweepCellView& cell : sweep.cells) progress += cell.progress;
            top->setText(Progress, QStringLiteral("%1%").arg(100 * progress / sweep.cells.size(), 0, 'f', 0));
        }
        for (const SweepCellView& cell : sweep.cells) {
            auto* item = new QTreeWidgetItem(top);
            item->setText(Title, tr("cell %1: %2").arg(cell.index).arg(cell.values));
            item->setText(State, cell.collected ? tr("%1, collected").arg(cell.state) : cell.state);
            if (cell.collected) item->setToolTip(Title, tr("Its runs are in this project"));
            item->setForeground(State, stateColour(cell.state));
            item->setText(Progress, QStringLiteral("%1%").arg(100 * cell.progress, 0, 'f', 0));
            item->setText(SlurmJob, cell.slurmJob);
            item->setText(Node, cell.node);
            item->setData(Title, kSpecRole, sweep.spec);
            if (!cell.error.isEmpty()) item->setToolTip(State, cell.error);
        }
        for (const QString& note : sweep.notes) notes << QStringLiteral("%1: %2").arg(sweep.name, note);
        // Every sweep opens expanded when the project opens; later, one the user folded stays folded.
        top->setExpanded(firstFill || expanded.contains(sweep.spec) || sweep.spec == selected);
    }
    notes_->setText(notes.join(QLatin1Char('\n')));
    notes_->setVisible(!notes.isEmpty());
    if (!selected.isEmpty()) selectSpec(selected);
    updateButtons();
}

QString SweepMonitor::selectedSpec() const {
    const QList<QTreeWidgetItem*> items = tree_->selectedItems();
    return items.isEmpty() ? QString() : items.first()->data(Title, kSpecRole).toString();
}

void SweepMonitor::selectSpec(const QString& spec) {
    for (int i = 0; i < tree_->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = tree_->topLevelItem(i);
        if (item->data(Title, kSpecRole).toString() == spec) {
            tree_->setCurrentItem(item);
            item->setExpanded(true);
            return;
        }
    }
}

void SweepMonitor::updateButtons() {
    const QString spec = selectedSpec();
    const SweepView* sweep = nullptr;
    for (const SweepView& s : sweeps_)
        if (s.spec == spec) sweep = &s;
    collect_->setEnabled(sweep && sweep->count(QStringLiteral("done")) > 0);
    resume_->setEnabled(sweep && sweep->resumableCells() > 0);
}

}  // namespace redit::gui
