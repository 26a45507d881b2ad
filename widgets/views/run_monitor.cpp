#include "views/run_monitor.h"

#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>

#include "models/run_monitor_model.h"

namespace redit::gui {
namespace {

// A progress bar with its percentage centred on it, drawn by the delegate rather than by the style (which
// places the text beside the bar in some styles, where a narrow column covers it). The text takes the
// highlighted-text colour over the filled part and the normal text colour over the rest, so it reads on both.
class ProgressBarDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(2, 3, -2, -3);
        bar.minimum = 0;
        bar.maximum = 100;
        bar.progress = std::clamp(index.data().toInt(), 0, 100);
        bar.textVisible = false;
        bar.state = option.state | QStyle::State_Horizontal;
        bar.palette = option.palette;
        QApplication::style()->drawControl(QStyle::CE_ProgressBar, &bar, painter);

        const QString text = QStringLiteral("%1%").arg(bar.progress);
        const int filled = bar.rect.width() * bar.progress / 100;
        QRect done = bar.rect;
        done.setWidth(filled);
        QRect left = bar.rect;
        left.setLeft(bar.rect.left() + filled);
        painter->save();
        painter->setFont(option.font);
        for (const auto& [part, role] : {std::pair{done, QPalette::HighlightedText}, std::pair{left, QPalette::Text}}) {
            painter->setClipRect(part);
            painter->setPen(option.palette.color(QPalette::Active, role));
            painter->drawText(bar.rect, Qt::AlignCenter, text);
        }
        painter->restore();
    }

    // Wide enough for "100%" with room on both sides.
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        const QSize size = QStyledItemDelegate::sizeHint(option, index);
        return {std::max(size.width(), option.fontMetrics.horizontalAdvance(QStringLiteral("100%")) * 2 + 8), size.height()};
    }
};

}  // namespace

RunMonitor::RunMonitor(QWidget* parent)
    : QWidget(parent), model_(new RunMonitorModel(this)), table_(new QTableView(this)), cancel_(new QPushButton(this)),
      textFilter_(new QLineEdit(this)), stateFilter_(new QComboBox(this)) {
    textFilter_->setObjectName(QStringLiteral("runFilter"));
    textFilter_->setPlaceholderText(tr("Filter runs by name or number"));
    textFilter_->setClearButtonEnabled(true);
    textFilter_->setToolTip(tr("Show only the runs whose name or number contains this text"));
    stateFilter_->setObjectName(QStringLiteral("runStateFilter"));
    stateFilter_->setToolTip(tr("Show only the runs in this state"));
    stateFilter_->addItem(tr("All states"), -1);
    using State = MonitoredRun::State;
    for (State state : {State::Queued, State::Running, State::Finished, State::Failed, State::Cancelled})
        stateFilter_->addItem(runStateName(state), int(state));
    table_->setContextMenuPolicy(Qt::CustomContextMenu);
    table_->setModel(model_);
    table_->setItemDelegateForColumn(RunMonitorModel::Progress, new ProgressBarDelegate(table_));
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->setVisible(false);
    table_->horizontalHeader()->setSectionResizeMode(RunMonitorModel::Name, QHeaderView::Stretch);
    table_->horizontalHeader()->setSectionResizeMode(RunMonitorModel::Progress, QHeaderView::ResizeToContents);
    table_->setToolTip(tr("Runs of this session: state, progress and estimated time left"));
    cancel_->setText(tr("&Cancel run"));
    cancel_->setToolTip(tr("Cancel the selected run (Del); asks first"));
    cancel_->setShortcut(QKeySequence::Delete);
    cancel_->setEnabled(false);
    auto* filters = new QHBoxLayout;
    filters->addWidget(textFilter_, 1);
    filters->addWidget(stateFilter_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(filters);
    layout->addWidget(table_);
    layout->addWidget(cancel_, 0, Qt::AlignRight);

    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunMonitor::updateCancelButton);
    connect(model_, &QAbstractItemModel::dataChanged, this, &RunMonitor::updateCancelButton);
    connect(cancel_, &QPushButton::clicked, this, &RunMonitor::cancelSelected);
    connect(textFilter_, &QLineEdit::textChanged, this, &RunMonitor::applyFilter);
    connect(stateFilter_, &QComboBox::currentIndexChanged, this, &RunMonitor::applyFilter);
    connect(model_, &QAbstractItemModel::rowsInserted, this, &RunMonitor::applyFilter);
    connect(model_, &QAbstractItemModel::rowsRemoved, this, &RunMonitor::applyFilter);
    connect(model_, &QAbstractItemModel::dataChanged, this, &RunMonitor::applyFilter);
    connect(model_, &QAbstractItemModel::modelReset, this, &RunMonitor::applyFilter);
}

void RunMonitor::applyFilter() {
    const QString text = textFilter_->text().trimmed();
    const int state = stateFilter_->currentData().toInt();
    for (int row = 0; row < model_->rowCount(); ++row) {
        const MonitoredRun* run = model_->runAt(row);
        const bool textMatches = text.isEmpty() || run->name.contains(text, Qt::CaseInsensitive) ||
                                 run->id == text || QStringLiteral("#") + run->id == text;
        table_->setRowHidden(row, !(textMatches && (state < 0 || int(run->state) == state)));
    }
}

RunMonitor::~RunMonitor() {
    // Children are deleted after this class's members; their last signals must not reach it.
    table_->selectionModel()->disconnect(this);
    model_->disconnect(this);
    textFilter_->disconnect(this);
    stateFilter_->disconnect(this);
}

void RunMonitor::updateCancelButton() {
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    const MonitoredRun* run = rows.isEmpty() ? nullptr : model_->runAt(rows.first().row());
    cancel_->setEnabled(run && run->isActive());
}

void RunMonitor::cancelSelected() {
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    const MonitoredRun* run = rows.isEmpty() ? nullptr : model_->runAt(rows.first().row());
    if (!run || !run->isActive()) return;
    const QString id = run->id;
    const auto answer = QMessageBox::question(this, tr("Cancel run"),
                                              tr("Stop the run “%1” now?").arg(run->name),
                                              QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer == QMessageBox::Yes) emit cancelRequested(id);
}

}  // namespace redit::gui
