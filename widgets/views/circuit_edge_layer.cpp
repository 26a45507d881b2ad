#include "views/circuit_edge_layer.h"

#include <QPainter>
#include <QtConcurrent/QtConcurrentRun>
#include <cmath>
#include <mutex>

namespace redit::gui {

void paintEdgeSprite(QPainter& painter, const QPainterPath& path, const QPolygonF& polyline,
                     const QPolygonF& arrowHead, QPen pen, double levelOfDetail) {
    painter.setBrush(Qt::NoBrush);
    // Zoomed out, an edge is at most a pixel or so wide: a one-pixel cosmetic line looks the same and is drawn
    // many times faster than a stroked outline, which is what a drawing of thousands of edges needs.
    if (pen.widthF() * levelOfDetail < 1.5) {
        pen.setWidthF(0);
        painter.setPen(pen);
        painter.drawPolyline(polyline);
    } else {
        painter.setPen(pen);
        painter.drawPath(path);
    }
    // An arrowhead of a pixel or two shows nothing; drawing thousands of them costs as much as the edges.
    if (!arrowHead.isEmpty() && arrowHead.boundingRect().height() * levelOfDetail >= 2.5) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(pen.color());
        painter.drawPolygon(arrowHead);
    }
}

struct CircuitEdgeLayer::Shared {
    std::vector<EdgeSprite> sprites;
    // Each curve flattened once, by the first render (only render threads read them).
    std::once_flag flattenOnce;
    std::vector<QPolygonF> polylines;

    const std::vector<QPolygonF>& flattened() {
        std::call_once(flattenOnce, [this] {
            polylines.reserve(sprites.size());
            for (const EdgeSprite& sprite : sprites) polylines.push_back(sprite.path.toSubpathPolygons().value(0));
        });
        return polylines;
    }
};

namespace {

bool sameScale(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b)); }

}  // namespace

CircuitEdgeLayer::CircuitEdgeLayer(std::vector<EdgeSprite> sprites, QObject* parent)
    : QObject(parent), shared_(std::make_shared<Shared>()) {
    shared_->sprites = std::move(sprites);
    connect(&watcher_, &QFutureWatcher<QImage>::finished, this, &CircuitEdgeLayer::takeRender);
}

// A render still running keeps only its copy of shared_, and its result is dropped with the watcher.
CircuitEdgeLayer::~CircuitEdgeLayer() = default;

void CircuitEdgeLayer::paint(QPainter& painter, const QRectF& exposed, const QRectF& visible, const QRectF& region,
                             double scale, double devicePixelRatio) {
    if (!image_.isNull()) {
        const QRectF target = exposed.intersected(shown_.region);
        if (!target.isEmpty()) {
            const double k = shown_.scale * shown_.devicePixelRatio;
            const QRectF source((target.x() - shown_.region.x()) * k, (target.y() - shown_.region.y()) * k,
                                target.width() * k, target.height() * k);
            painter.drawImage(target, image_, source);
        }
    }
    auto shows = [&](const Target& t) {
        return t.valid && sameScale(t.scale, scale) && t.devicePixelRatio == devicePixelRatio &&
               t.region.adjusted(-1e-6, -1e-6, 1e-6, 1e-6).contains(visible);
    };
    if (!image_.isNull() && shows(shown_)) return;
    if (watcher_.isRunning()) {
        if (shows(rendering_)) wanted_.valid = false;
        else wanted_ = Target{region, scale, devicePixelRatio, true};
        return;
    }
    rendering_ = Target{region, scale, devicePixelRatio, true};
    startRender();
}

void CircuitEdgeLayer::startRender() {
    const Target target = rendering_;
    std::shared_ptr<Shared> shared = shared_;
    watcher_.setFuture(QtConcurrent::run([shared, target]() -> QImage {
        const std::vector<QPolygonF>& polylines = shared->flattened();
        const double k = target.scale * target.devicePixelRatio;
        const QSize size(std::max(1, int(std::ceil(target.region.width() * k))),
                         std::max(1, int(std::ceil(target.region.height() * k))));
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        if (image.isNull()) return image;  // too large to allocate: the view shows no edges until it zooms in
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);  // off the GUI thread, smooth curves cost the window nothing
        QTransform toImage;
        toImage.scale(k, k);
        toImage.translate(-target.region.x(), -target.region.y());
        painter.setTransform(toImage);
        // In the scene's order, so that later edges lie over earlier ones as the items would.
        for (size_t i = 0; i < shared->sprites.size(); ++i) {
            const EdgeSprite& sprite = shared->sprites[i];
            if (!sprite.bounds.intersects(target.region)) continue;
            paintEdgeSprite(painter, sprite.path, polylines[i], sprite.arrowHead, sprite.pen, target.scale);
        }
        return image;
    }));
}

void CircuitEdgeLayer::takeRender() {
    if (watcher_.isCanceled()) return;
    image_ = watcher_.result();
    shown_ = rendering_;
    rendering_.valid = false;
    if (wanted_.valid) {
        rendering_ = wanted_;
        wanted_.valid = false;
        startRender();
    }
    emit rendered();
}

}  // namespace redit::gui
