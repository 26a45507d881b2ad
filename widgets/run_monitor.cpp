#include "run_monitor.h"

#include <QApplication>
#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

#include "run_monitor_model.h"

namespace redit::gui {
namespace {

class ProgressBarDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(2, 3, -2, -3);
        bar.minimum = 0;
        bar.maximum = 100;
        bar.progress = index.data().toInt();
        bar.text = QStringLiteral("%1%").arg(bar.progress);
        bar.textVisible = true;
        bar.state = option.state | QStyle::State_Horizontal;
        QApplication::style()->drawControl(QStyle::CE_ProgressBar, &bar, painter);
    }
};

}  // namespace

RunMonitor::RunMonitor(QWidget* parent)
    : QWidget(parent), model_(new RunMonitorModel(this)), table_(new QTableView(this)), cancel_(new QPushButton(this)) {
    table_->setModel(model_);
    table_->setItemDelegateForColumn(RunMonitorModel::Progress, new ProgressBarDelegate(table_));
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->setVisible(false);
    table_->horizontalHeader()->setSectionResizeMode(RunMonitorModel::Name, QHeaderView::Stretch);
    table_->setToolTip(tr("Runs of this session: state, progress and estimated time left"));
    cancel_->setText(tr("&Cancel run"));
    cancel_->setToolTip(tr("Cancel the selected run (Del); asks first"));
    cancel_->setShortcut(QKeySequence::Delete);
    cancel_->setEnabled(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(table_);
    layout->addWidget(cancel_, 0, Qt::AlignRight);

    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunMonitor::updateCancelButton);
    connect(model_, &QAbstractItemModel::dataChanged, this, &RunMonitor::updateCancelButton);
    connect(cancel_, &QPushButton::clicked, this, &RunMonitor::cancelSelected);
}

RunMonitor::~RunMonitor() {
    // Children are deleted after this class's members; their last signals must not reach it.
    table_->selectionModel()->disconnect(this);
    model_->disconnect(this);
}

void RunMonitor::updateCancelButton() {
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    const RunStatus* run = rows.isEmpty() ? nullptr : model_->runAt(rows.first().row());
    cancel_->setEnabled(run && run->isActive());
}

void RunMonitor::cancelSelected() {
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    const RunStatus* run = rows.isEmpty() ? nullptr : model_->runAt(rows.first().row());
    if (!run || !run->isActive()) return;
    const QString id = run->id;
    const auto answer = QMessageBox::question(this, tr("Cancel run"),
                                              tr("Stop the run “%1” now?").arg(run->name),
                                              QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer == QMessageBox::Yes) emit cancelRequested(id);
}

}  // namespace redit::gui
