#pragma once
#include <QWidget>

#include "models/circuit_graph.h"
#include "export/figure_export.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace redit::gui {

class CircuitEdgeModel;
class CircuitSelectionWidget;
class CircuitView;

// A circuit tab: selection controls, the layout (layered or Graphviz), node search, the drawing and a sortable,
// filterable edge table.
// Selecting an edge in the table highlights it in the drawing and the other way round.
class CircuitPanel : public QWidget, public FigureSource {
    Q_OBJECT
public:
    explicit CircuitPanel(QWidget* parent = nullptr);
    ~CircuitPanel() override;

    // The whole scored graph; the panel draws the part chosen by the selection widget.
    void setCircuit(DrawnCircuit graph);
    void setNotice(const QString& text);

    CircuitView* view() const { return view_; }
    CircuitSelectionWidget* selectionWidget() const { return selection_; }
    QComboBox* layoutChoice() const { return layoutChoice_; }
    QTableView* edgeTable() const { return table_; }
    QSortFilterProxyModel* edgeProxy() const { return proxy_; }

    QGraphicsScene* figureScene() const override;
    QRectF figureRect() const override;

private:
    void applySelection(const EdgeSelection& selection);
    void onTableSelection();
    void onEdgeClicked(int index);
    void find();

    DrawnCircuit full_;
    CircuitSelectionWidget* selection_;
    QComboBox* layoutChoice_;
    QLineEdit* search_;
    QLabel* status_;
    QLabel* notice_;
    CircuitView* view_;
    CircuitEdgeModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* table_;
};

}  // namespace redit::gui
