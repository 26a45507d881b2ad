#pragma once
#include <QWidget>

#include "models/circuit_graph.h"

class QComboBox;
class QDoubleSpinBox;

namespace redit::gui {

// Picks how many edges of a circuit to draw (top n, fraction, |score| threshold) and emits the choice.
class CircuitSelectionWidget : public QWidget {
    Q_OBJECT
public:
    explicit CircuitSelectionWidget(QWidget* parent = nullptr);
    EdgeSelection selection() const;
    // Shows `selection` and emits selectionChanged.
    void setSelection(const EdgeSelection& selection);

signals:
    void selectionChanged(const redit::gui::EdgeSelection& selection);

private:
    void configureValueBox(EdgeSelection::Mode mode);

    QComboBox* mode_;
    QDoubleSpinBox* value_;
    double remembered_[3] = {50, 0.05, 0.01};
};

}  // namespace redit::gui
