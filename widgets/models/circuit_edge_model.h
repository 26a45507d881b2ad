#pragma once
#include <QAbstractTableModel>

#include "models/circuit_graph.h"

namespace redit::gui {

// The drawn edges as a table (from, to, score); row i is edge i of the circuit view's graph.
class CircuitEdgeModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { From, To, Score, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setEdges(std::vector<CircuitEdge> edges);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<CircuitEdge> edges_;
};

}  // namespace redit::gui
