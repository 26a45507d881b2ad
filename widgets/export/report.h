#pragma once
// Reports of a project or a run: tables, figures, configs and provenance, written as HTML or PDF.
#include <QByteArray>
#include <QImage>
#include <QString>
#include <QStringList>
#include <vector>

#include "adapters/run_controller.h"

namespace redit::gui {

class FigureSource;

struct ReportFigure {
    QString title;
    QImage image;    // PNG for the PDF (and HTML readers without SVG)
    QByteArray svg;  // vector picture for the HTML report
};

struct ReportTable {
    QString title;
    QStringList headers;
    QList<QStringList> rows;
};

struct ReportContent {
    QString title;        // e.g. "Project demo" or "Run #3"
    QString projectPath;  // the .redit file
    QString generatedAt;  // ISO 8601
    std::vector<RunDetails> runs;  // each with its config and provenance
    std::vector<ReportTable> tables;
    std::vector<ReportFigure> figures;
};

// A view's picture for a report (one paint path with the figure export); image and svg are empty when the
// view has nothing to draw.
ReportFigure reportFigure(const FigureSource& source, const QString& title, int dpi = 150);

// The report as one HTML document. Figures: with `embed`, data URIs (SVG, else PNG) so that the file stands
// alone; without, <img src="figure-N.png"> names that writePdfReport registers as document resources.
QString reportHtml(const ReportContent& report, bool embed);

// Writes the report as HTML (.html/.htm), PDF (.pdf, A4, through QTextDocument and QPdfWriter) or a PNG
// preview of its first page (.png), chosen by the suffix. FileError naming the file when the suffix is unknown or the file cannot be written.
void writeReport(const ReportContent& report, const QString& path);

}  // namespace redit::gui
