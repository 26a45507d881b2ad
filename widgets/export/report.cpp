#include "export/report.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>
#include <algorithm>

#include "export/figure_export.h"
#include "util/error.h"

namespace redit::gui {
namespace {

QString esc(const QString& text) { return text.toHtmlEscaped(); }

QString figureName(size_t index) { return QStringLiteral("figure-%1.png").arg(index + 1); }

QString pngBase64(const QImage& image) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return QString::fromLatin1(bytes.toBase64());
}

QString tableHtml(const QStringList& headers, const QList<QStringList>& rows) {
    QString html = QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\">\n<tr>");
    for (const QString& h : headers) html += QStringLiteral("<th>%1</th>").arg(esc(h));
    html += QStringLiteral("</tr>\n");
    for (const QStringList& row : rows) {
        html += QStringLiteral("<tr>");
        for (const QString& cell : row) html += QStringLiteral("<td>%1</td>").arg(esc(cell));
        html += QStringLiteral("</tr>\n");
    }
    return html + QStringLiteral("</table>\n");
}

QString runHtml(const RunDetails& run) {
    QList<QStringList> provenance;
    for (const auto& [label, value] : run.provenance) provenance.append({label, value});
    return QStringLiteral("<h3>%1</h3>\n<h4>%2</h4>\n%3<h4>%4</h4>\n<pre>%5</pre>\n")
        .arg(esc(run.title), esc(QCoreApplication::translate("redit::gui::Report", "Provenance")), tableHtml({QCoreApplication::translate("redit::gui::Report", "Field"), QCoreApplication::translate("redit::gui::Report", "Value")}, provenance),
             esc(QCoreApplication::translate("redit::gui::Report", "Configuration")), esc(QString::fromStdString(run.config.dump(2))));
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        throw FileError(path.toStdString(), "cannot write the report: " + file.errorString().toStdString());
}

// The report laid out as the PDF prints it; figures are document resources scaled to the text width.
void layOutDocument(QTextDocument& document, const ReportContent& report) {
    document.setDefaultFont(QFont(QStringLiteral("Sans Serif"), 9));
    constexpr double kTextWidth = 640;  // the widest a figure is drawn, in document pixels
    for (size_t i = 0; i < report.figures.size(); ++i)
        document.addResource(QTextDocument::ImageResource, QUrl(figureName(i)), report.figures[i].image);
    QString html = reportHtml(report, false);
    // QTextDocument does not scale images down to the page: give each figure a width that fits.
    for (size_t i = 0; i < report.figures.size(); ++i) {
        const double width = std::min(kTextWidth, double(report.figures[i].image.width()));
        html.replace(QStringLiteral("src=\"%1\"").arg(figureName(i)),
                     QStringLiteral("src=\"%1\" width=\"%2\"").arg(figureName(i)).arg(int(width)));
    }
    document.setHtml(html);
}

void writePdf(const ReportContent& report, const QString& path) {
    QTextDocument document;
    layOutDocument(document, report);
    QPdfWriter pdf(path);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setTitle(report.title);
    pdf.setCreator(QStringLiteral("REdit Workbench"));
    document.print(&pdf);  // lays the document out on the writer's pages (A4, 96-dpi document units scaled)
    if (!QFileInfo(path).isFile() || QFileInfo(path).size() == 0)
        throw FileError(path.toStdString(), "cannot write the PDF report");
}

// The first page, as the PDF lays it out, on a white A4 image at 96 dpi.
void writePreview(const ReportContent& report, const QString& path) {
    QTextDocument document;
    layOutDocument(document, report);
    const QSize page = QPageSize(QPageSize::A4).sizePixels(96);
    document.setPageSize(QSizeF(page));
    document.setDocumentMargin(48);
    QImage image(page, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        document.drawContents(&painter, QRectF(QPointF(0, 0), QSizeF(page)));
    }
    if (!image.save(path, "PNG")) throw FileError(path.toStdString(), "cannot write the report preview");
}

}  // namespace

ReportFigure reportFigure(const FigureSource& source, const QString& title, int dpi) {
    return {title, figureImage(source, dpi), figureSvg(source, title)};
}

QString reportHtml(const ReportContent& report, bool embed) {
    QString html = QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1</title>\n"
                                  "<style>body{font-family:sans-serif;max-width:60em;margin:auto}"
                                  "table{border-collapse:collapse}td,th{padding:2px 6px}img{max-width:100%}</style>"
                                  "</head><body>\n<h1>%1</h1>\n<p>%2<br>%3</p>\n")
                       .arg(esc(report.title), esc(QCoreApplication::translate("redit::gui::Report", "Project: %1").arg(report.projectPath)),
                            esc(QCoreApplication::translate("redit::gui::Report", "Generated: %1").arg(report.generatedAt)));
    if (!report.tables.empty()) {
        html += QStringLiteral("<h2>%1</h2>\n").arg(esc(QCoreApplication::translate("redit::gui::Report", "Tables")));
        for (const ReportTable& table : report.tables)
            html += QStringLiteral("<h3>%1</h3>\n").arg(esc(table.title)) + tableHtml(table.headers, table.rows);
    }
    if (!report.figures.empty()) {
        html += QStringLiteral("<h2>%1</h2>\n").arg(esc(QCoreApplication::translate("redit::gui::Report", "Figures")));
        for (size_t i = 0; i < report.figures.size(); ++i) {
            const ReportFigure& figure = report.figures[i];
            QString src = figureName(i);
            if (embed)
                src = figure.svg.isEmpty() ? QStringLiteral("data:image/png;base64,") + pngBase64(figure.image)
                                           : QStringLiteral("data:image/svg+xml;base64,") +
                                                 QString::fromLatin1(figure.svg.toBase64());
            html += QStringLiteral("<h3>%1</h3>\n<p><img src=\"%2\" alt=\"%1\"></p>\n").arg(esc(figure.title), src);
        }
    }
    if (!report.runs.empty()) {
        html += QStringLiteral("<h2>%1</h2>\n").arg(esc(QCoreApplication::translate("redit::gui::Report", "Runs")));
        for (const RunDetails& run : report.runs) html += runHtml(run);
    }
    return html + QStringLiteral("</body></html>\n");
}

void writeReport(const ReportContent& report, const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm")) writeFile(path, reportHtml(report, true).toUtf8());
    else if (suffix == QLatin1String("pdf")) writePdf(report, path);
    else if (suffix == QLatin1String("png")) writePreview(report, path);
    else throw FileError(path.toStdString(), "unknown report format (use .html, .pdf or .png)");
}

}  // namespace redit::gui
