#pragma once
#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <QPainterPath>
#include <QPen>
#include <QPolygonF>
#include <memory>
#include <vector>

class QPainter;

namespace redit::gui {

// What one edge is drawn with: its curve, arrowhead and pen, as the edge item holds them.
struct EdgeSprite {
    QPainterPath path;
    QPolygonF arrowHead;
    QPen pen;
    QRectF bounds;  // of the curve and arrowhead, in scene coordinates
};

// Draws an edge as the circuit view shows it at `levelOfDetail` (view pixels per scene unit). `polyline` is
// the curve flattened, used when the edge is thin enough to be a one-pixel line.
void paintEdgeSprite(QPainter& painter, const QPainterPath& path, const QPolygonF& polyline,
                     const QPolygonF& arrowHead, QPen pen, double levelOfDetail);

// The edges of a large drawing painted once into an image, off the GUI thread, and blitted on every repaint
// (docs/performance.md "Circuit view"). A full repaint of 10,000 edge items takes about 0.2 s of the GUI
// thread; a zoom, fit, scroll or selection instead paints the image (rescaled until the render at the new
// scale arrives), so the window never waits for the edges. The edge items stay in the scene for hit tests,
// tooltips, the highlighted edge and exports.
class CircuitEdgeLayer : public QObject {
    Q_OBJECT
public:
    explicit CircuitEdgeLayer(std::vector<EdgeSprite> sprites, QObject* parent = nullptr);
    ~CircuitEdgeLayer() override;

    // Paints what of the layer lies in `exposed` (scene coordinates) with the view's painter. When the image
    // does not show `visible` at `scale`, asks for a render of `region` (the visible rect and a margin) at it.
    void paint(QPainter& painter, const QRectF& exposed, const QRectF& visible, const QRectF& region,
               double scale, double devicePixelRatio);

    // True while a render is running or due (after a paint found the image stale); tests wait for it to clear.
    bool isRendering() const { return watcher_.isRunning() || wanted_.valid; }

signals:
    // A render finished: the view repaints with it.
    void rendered();

private:
    struct Target {
        QRectF region;  // scene coordinates
        double scale = 0;
        double devicePixelRatio = 1;
        bool valid = false;
    };
    struct Shared;
    void startRender();
    void takeRender();

    std::shared_ptr<Shared> shared_;  // the sprites and their polylines, read by the render threads
    QFutureWatcher<QImage> watcher_;
    Target shown_;     // what image_ shows
    Target rendering_; // what the running render will show
    Target wanted_;    // a render asked for while another ran
    QImage image_;
};

}  // namespace redit::gui
