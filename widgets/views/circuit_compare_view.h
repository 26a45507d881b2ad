#pragma once
#include <QWidget>
#include <functional>

#include "models/circuit_comparison.h"
#include "export/figure_export.h"

class QDoubleSpinBox;
class QLabel;

namespace redit::gui {

class CircuitView;

// Two circuits drawn as one: shared edges grey, edges only in A blue, edges only in B orange and dashed, with
// a legend and the distance figures in the picture (so they are exported with it). Changing the budget loads
// the circuits again through the loader.
class CircuitCompareView : public QWidget, public FigureSource {
    Q_OBJECT
public:
    explicit CircuitCompareView(QWidget* parent = nullptr);

    // Loads the two circuits at a budget (from the project); throws with a readable message when it fails.
    using Loader = std::function<CircuitComparison(double budget)>;
    void setLoader(Loader loader) { loader_ = std::move(loader); }
    // Loads and shows the comparison at this budget. On failure shows the message and returns it; empty when
    // it worked.
    QString load(double budget);

    void setComparison(CircuitComparison comparison);
    const CircuitComparison& comparison() const { return comparison_; }
    const MergedCircuit& merged() const { return merged_; }
    CircuitView* view() const { return view_; }
    // The figures line shown above the drawing, e.g. "jaccard 0.420 · weighted_edit 0.310 · ...".
    QString distanceText() const;

    QGraphicsScene* figureScene() const override;
    QRectF figureRect() const override;

    static EdgeStyle styleOf(EdgeMembership membership);

private:
    void addLegend();

    Loader loader_;
    CircuitComparison comparison_;
    MergedCircuit merged_;
    QDoubleSpinBox* budget_;
    QLabel* summary_;
    CircuitView* view_;
};

}  // namespace redit::gui
