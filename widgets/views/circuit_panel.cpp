#include "views/circuit_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "models/circuit_edge_model.h"
#include "views/circuit_selection_widget.h"
#include "views/circuit_view.h"

namespace redit::gui {

CircuitPanel::CircuitPanel(QWidget* parent)
    : QWidget(parent),
      selection_(new CircuitSelectionWidget(this)),
      layoutChoice_(new QComboBox(this)),
      search_(new QLineEdit(this)),
      status_(new QLabel(this)),
      notice_(new QLabel(this)),
      view_(new CircuitView(this)),
      model_(new CircuitEdgeModel(this)),
      proxy_(new QSortFilterProxyModel(this)),
      table_(new QTableView(this)) {
    layoutChoice_->addItem(tr("Layered"), int(CircuitLayoutKind::Layered));
    layoutChoice_->addItem(tr("Graphviz dot"), int(CircuitLayoutKind::Graphviz));
    layoutChoice_->setToolTip(tr("Layered: one row per layer and kind, heads in index order, instant at any size.\n"
                                 "Graphviz dot: fewer crossings, seconds for a few thousand edges (at most %1).")
                                  .arg(CircuitView::kGraphvizEdgeBudget));
    auto* layoutLabel = new QLabel(tr("&Layout:"), this);
    layoutLabel->setBuddy(layoutChoice_);
    search_->setPlaceholderText(tr("Find node…"));
    search_->setToolTip(tr("Type a node name and press Enter to highlight and centre it"));
    search_->setClearButtonEnabled(true);
    auto* fit = new QToolButton(this);
    fit->setText(tr("Fit"));
    fit->setToolTip(tr("Fit the whole circuit in the view (F)"));
    fit->setShortcut(Qt::Key_F);
    notice_->setVisible(false);
    notice_->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #664d03; padding: 4px; }"));

    auto* controls = new QHBoxLayout;
    controls->addWidget(selection_);
    controls->addSpacing(12);
    controls->addWidget(layoutLabel);
    controls->addWidget(layoutChoice_);
    controls->addSpacing(12);
    controls->addWidget(search_, 1);
    controls->addWidget(fit);
    controls->addWidget(status_);

    proxy_->setSourceModel(model_);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy_->setFilterKeyColumn(-1);
    proxy_->setSortRole(Qt::DisplayRole);
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(CircuitEdgeModel::Score, Qt::DescendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->verticalHeader()->setVisible(false);
    table_->setToolTip(tr("Drawn edges; click a column header to sort, select a row to highlight the edge"));
    auto* filter = new QLineEdit(this);
    filter->setPlaceholderText(tr("Filter edges…"));
    filter->setToolTip(tr("Show only edges whose ends or score contain this text"));
    filter->setClearButtonEnabled(true);
    auto* tablePane = new QWidget(this);
    auto* tableLayout = new QVBoxLayout(tablePane);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(filter);
    tableLayout->addWidget(table_);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(view_);
    splitter->addWidget(tablePane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({3000, 1000});

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(notice_);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);

    connect(selection_, &CircuitSelectionWidget::selectionChanged, this, &CircuitPanel::applySelection);
    connect(layoutChoice_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        view_->setLayoutKind(CircuitLayoutKind(layoutChoice_->currentData().toInt()));
    });
    connect(search_, &QLineEdit::returnPressed, this, &CircuitPanel::find);
    connect(fit, &QToolButton::clicked, view_, &CircuitView::fitAll);
    connect(filter, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &CircuitPanel::onTableSelection);
    connect(view_, &CircuitView::edgeClicked, this, &CircuitPanel::onEdgeClicked);
    connect(view_, &CircuitView::layoutStarted, this,
            [this](int edges) { status_->setText(tr("Laying out %1 edges…").arg(edges)); });
    connect(view_, &CircuitView::layoutFinished, this, [this] {
        status_->setText(view_->isOverBudget() ? tr("Too many edges to draw")
                                               : tr("%1 nodes, %2 edges").arg(view_->drawnNodeCount()).arg(view_->drawnEdgeCount()));
    });
}

CircuitPanel::~CircuitPanel() {
    // Children are deleted after this class's members; their last signals must not reach it.
    table_->selectionModel()->disconnect(this);
    view_->disconnect(this);
}

void CircuitPanel::setCircuit(DrawnCircuit graph) {
    full_ = std::move(graph);
    applySelection(selection_->selection());
}

void CircuitPanel::setNotice(const QString& text) {
    notice_->setText(text);
    notice_->setVisible(!text.isEmpty());
}

void CircuitPanel::applySelection(const EdgeSelection& selection) {
    DrawnCircuit selected = selectEdges(full_, selection);
    model_->setEdges(selected.edges);
    view_->setCircuit(std::move(selected));
}

void CircuitPanel::onTableSelection() {
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    view_->highlightEdge(rows.isEmpty() ? -1 : proxy_->mapToSource(rows.first()).row());
}

void CircuitPanel::onEdgeClicked(int index) {
    const QModelIndex row = proxy_->mapFromSource(model_->index(index, 0));
    if (!row.isValid()) return;  // filtered out of the table
    QSignalBlocker block(table_->selectionModel());
    table_->selectionModel()->select(row, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table_->scrollTo(row);
    table_->viewport()->update();
}

void CircuitPanel::find() {
    if (!view_->findNode(search_->text())) status_->setText(tr("No node matches “%1”").arg(search_->text()));
}

QGraphicsScene* CircuitPanel::figureScene() const { return view_->figureScene(); }

QRectF CircuitPanel::figureRect() const { return view_->figureRect(); }

}  // namespace redit::gui
