#pragma once
#include <QWidget>

#include "models/analysis_data.h"
#include "export/figure_export.h"

class QComboBox;
class QGraphicsScene;
class QGraphicsView;

namespace redit::gui {

// Patterns x patterns heatmap of circuit distances with a metric selector; clicking a cell emits the pair.
class DistanceHeatmap : public QWidget, public FigureSource {
    Q_OBJECT
public:
    explicit DistanceHeatmap(QWidget* parent = nullptr);
    ~DistanceHeatmap() override;

    void setDistances(PatternDistances distances);
    const PatternDistances& distances() const { return distances_; }
    QString metric() const;
    void setMetric(const QString& metric);
    // Number of cells drawn for the current metric (0 when its matrix does not match the patterns).
    int cellCount() const { return cells_; }

    QGraphicsScene* figureScene() const override { return scene_; }
    QRectF figureRect() const override;

signals:
    void pairClicked(int row, int column);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void redraw();
    // Fits the heatmap into the view (never above 1.5 times its natural size), so that any n shows whole.
    void fitView();
    void onSelectionChanged();

    PatternDistances distances_;
    QComboBox* metricBox_;
    QGraphicsScene* scene_;
    QGraphicsView* view_;
    int cells_ = 0;
};

}  // namespace redit::gui
