#include <QFile>
#include <QImage>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>

#include "views/circuit_view.h"
#include "views/distance_heatmap.h"
#include "export/figure_export.h"
#include "views/interference_scatter.h"
#include "views/results_view.h"
#include "models/synthetic_examples.h"
#include "util/error.h"

using namespace redit::gui;

class TestFigureExport : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    void checkAllFormats(const FigureSource& figure, const QString& name) {
        const QString png = dir_.filePath(name + ".png");
        exportFigure(figure, png, 192);
        QImage image(png);
        QVERIFY2(!image.isNull(), qPrintable(png));
        // 192 dpi is twice the 96 dpi scene scale.
        QCOMPARE(image.width(), int(std::ceil(figure.figureRect().width() * 2)));
        QVERIFY(std::abs(image.dotsPerMeterX() - 192 / 0.0254) < 1);
        bool drawn = false;  // something other than the white background was painted
        for (int y = 0; y < image.height() && !drawn; y += 3)
            for (int x = 0; x < image.width() && !drawn; x += 3) drawn = image.pixelColor(x, y) != QColor(Qt::white);
        QVERIFY(drawn);

        const QString svg = dir_.filePath(name + ".svg");
        exportFigure(figure, svg, 96);
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        QVERIFY(QFileInfo(svg).size() > 0);

        const QString pdf = dir_.filePath(name + ".pdf");
        exportFigure(figure, pdf, 300);
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.size() > 100);
        QCOMPARE(file.read(5), QByteArray("%PDF-"));
    }

private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void circuitView() {
        CircuitView view;
        QSignalSpy finished(&view, &CircuitView::layoutFinished);
        view.setCircuit(syntheticCircuit(3, 3, 20, 1));
        QVERIFY(finished.wait(10000));
        checkAllFormats(view, "circuit");
    }

    void scatterChart() {
        InterferenceScatter scatter;
        scatter.resize(640, 480);
        scatter.setSets(syntheticInterference(1));
        scatter.show();  // a chart gets its geometry when its view is laid out
        QVERIFY(QTest::qWaitForWindowExposed(&scatter));
        checkAllFormats(scatter, "scatter");
    }

    void heatmap() {
        DistanceHeatmap heatmap;
        heatmap.setDistances(syntheticDistances(1));
        checkAllFormats(heatmap, "heatmap");
    }

    void resultsChart() {
        ResultsView results;
        results.resize(900, 500);
        results.setResults(syntheticResults(1));
        results.show();
        QVERIFY(QTest::qWaitForWindowExposed(&results));
        checkAllFormats(results, "results");
    }

    void rejectsUnknownFormatsAndBadResolutions() {
        DistanceHeatmap heatmap;
        heatmap.setDistances(syntheticDistances(1));
        QVERIFY_THROWS_EXCEPTION(redit::FileError, exportFigure(heatmap, dir_.filePath("figure.bmp"), 96));
        QVERIFY_THROWS_EXCEPTION(redit::ConfigError, exportFigure(heatmap, dir_.filePath("figure.png"), 5));
        QVERIFY_THROWS_EXCEPTION(redit::FileError, exportFigure(heatmap, dir_.filePath("missing/dir/figure.png"), 96));
        DistanceHeatmap empty;
        QVERIFY_THROWS_EXCEPTION(redit::FileError, exportFigure(empty, dir_.filePath("empty.png"), 96));
    }
};

QTEST_MAIN(TestFigureExport)
#include "test_figure_export.moc"
