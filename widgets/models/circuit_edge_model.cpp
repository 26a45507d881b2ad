#include "models/circuit_edge_model.h"

#include <QBrush>
#include <QColor>

namespace redit::gui {

void CircuitEdgeModel::setEdges(std::vector<CircuitEdge> edges) {
    beginResetModel();
    edges_ = std::move(edges);
    endResetModel();
}

int CircuitEdgeModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(edges_.size()); }

int CircuitEdgeModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant CircuitEdgeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= int(edges_.size())) return {};
    const CircuitEdge& e = edges_[size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case From: return e.from;
        case To: return e.to;
        case Score: return e.score;  // a double, so the proxy sorts numerically
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Score)
        return QBrush(e.score >= 0 ? QColor(0x1d, 0x4e, 0xd8) : QColor(0xb9, 0x1c, 0x1c));
    if (role == Qt::TextAlignmentRole && index.column() == Score) return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant CircuitEdgeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return {};
    switch (section) {
    case From: return tr("From");
    case To: return tr("To");
    case Score: return tr("Score");
    }
    return {};
}

}  // namespace redit::gui
