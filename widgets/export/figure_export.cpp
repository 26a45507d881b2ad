#include "export/figure_export.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <cmath>

#include "util/error.h"

namespace redit::gui {
namespace {

constexpr double kScreenDpi = 96.0;

[[noreturn]] void fail(const QString& path, const char* problem) {
    throw FileError(path.toStdString(), problem);
}

QImage pngImage(QGraphicsScene& scene, const QRectF& source, int dpi) {
    const double scale = dpi / kScreenDpi;
    const QSize size(std::max(1, int(std::ceil(source.width() * scale))),
                     std::max(1, int(std::ceil(source.height() * scale))));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    const int dotsPerMeter = int(std::lround(dpi / 0.0254));
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    {
        QPainter painter(&image);
        renderFigure(scene, source, painter, QRectF(QPointF(0, 0), QSizeF(size)));
    }
    return image;
}

void writePng(QGraphicsScene& scene, const QRectF& source, const QString& path, int dpi) {
    if (!pngImage(scene, source, dpi).save(path, "PNG")) fail(path, "cannot write the PNG image");
}

// Into `device` (a file or a buffer), titled `title`.
void writeSvg(QGraphicsScene& scene, const QRectF& source, QIODevice* device, const QString& title, const QString& path) {
    QSvgGenerator svg;
    svg.setOutputDevice(device);
    svg.setSize(source.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
    svg.setResolution(int(kScreenDpi));
    svg.setTitle(title);
    QPainter painter;
    if (!painter.begin(&svg)) fail(path, "cannot write the SVG file");
    renderFigure(scene, source, painter, QRectF(QPointF(0, 0), source.size()));
    painter.end();
}

void writePdf(QGraphicsScene& scene, const QRectF& source, const QString& path, int dpi) {
    QPdfWriter pdf(path);
    pdf.setResolution(dpi);
    const QSizeF points = source.size() * (72.0 / kScreenDpi);
    pdf.setPageSize(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    QPainter painter;
    if (!painter.begin(&pdf)) fail(path, "cannot write the PDF file");
    renderFigure(scene, source, painter, QRectF(QPointF(0, 0), QSizeF(pdf.width(), pdf.height())));
    painter.end();
}

}  // namespace

QRectF paddedItemsRect(const QGraphicsScene& scene, double margin) {
    if (scene.items().isEmpty()) return {};
    return scene.itemsBoundingRect().adjusted(-margin, -margin, margin, margin);
}

void renderFigure(QGraphicsScene& scene, const QRectF& source, QPainter& painter, const QRectF& target) {
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    scene.render(&painter, target, source, Qt::KeepAspectRatio);
}

QImage figureImage(const FigureSource& figure, int dpi) {
    QGraphicsScene* scene = figure.figureScene();
    const QRectF source = figure.figureRect();
    if (!scene || source.isEmpty()) return {};
    return pngImage(*scene, source, dpi);
}

QByteArray figureSvg(const FigureSource& figure, const QString& title) {
    QGraphicsScene* scene = figure.figureScene();
    const QRectF source = figure.figureRect();
    if (!scene || source.isEmpty()) return {};
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    writeSvg(*scene, source, &buffer, title, title);
    return buffer.data();
}

void exportFigure(const FigureSource& figure, const QString& path, int dpi) {
    QGraphicsScene* scene = figure.figureScene();
    const QRectF source = figure.figureRect();
    if (!scene || source.isEmpty()) fail(path, "the view has no figure to export");
    if (dpi < 36 || dpi > 1200) throw ConfigError("export resolution must be between 36 and 1200 dpi");
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) writePng(*scene, source, path, dpi);
    else if (suffix == QLatin1String("svg")) {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) fail(path, "cannot write the SVG file");
        writeSvg(*scene, source, &file, QFileInfo(path).completeBaseName(), path);
    }
    else if (suffix == QLatin1String("pdf")) writePdf(*scene, source, path, dpi);
    else fail(path, "unknown figure format (use .png, .svg or .pdf)");
}

}  // namespace redit::gui
