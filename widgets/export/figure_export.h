#pragma once
#include <QByteArray>
#include <QImage>
#include <QRectF>
#include <QString>

class QGraphicsScene;
class QPainter;

namespace redit::gui {

// A view whose picture can be exported: the scene it draws and the part of it that makes the figure.
class FigureSource {
public:
    virtual ~FigureSource() = default;
    virtual QGraphicsScene* figureScene() const = 0;
    virtual QRectF figureRect() const = 0;
};

// The bounding rectangle of the scene's items with a margin; empty when the scene has no items.
QRectF paddedItemsRect(const QGraphicsScene& scene, double margin);

// The one paint path of every export: draws `source` of the scene into `target` of the painter.
void renderFigure(QGraphicsScene& scene, const QRectF& source, QPainter& painter, const QRectF& target);

// Writes the figure as PNG (at `dpi`), SVG or PDF, chosen by the file's suffix. Scene units count as
// pixels at 96 dpi. Throws redit::FileError when the suffix is unknown or the file cannot be written.
void exportFigure(const FigureSource& figure, const QString& path, int dpi);

// The same picture in memory (for reports): a PNG-ready image at `dpi` and an SVG document. Empty when the
// view has no figure.
QImage figureImage(const FigureSource& figure, int dpi);
QByteArray figureSvg(const FigureSource& figure, const QString& title);

}  // namespace redit::gui
