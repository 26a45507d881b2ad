#include <QChart>
#include <QGraphicsItem>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QScatterSeries>
#include <QValueAxis>
#include <QtTest>

#include "views/distance_heatmap.h"
#include "views/interference_scatter.h"
#include "export/results_export.h"
#include "models/synthetic_examples.h"

using namespace redit::gui;

class TestAnalysisViews : public QObject {
    Q_OBJECT

    static int scatterPoints(const QChart* chart) {
        int n = 0;
        for (QAbstractSeries* s : chart->series())
            if (auto* scatter = qobject_cast<QScatterSeries*>(s)) n += int(scatter->count());
        return n;
    }

    static InterferenceSet set(const QString& metric, const QString& budget, bool filter, int points, double beta) {
        InterferenceSet s{metric, budget, filter, {}, {}};
        for (int i = 0; i < points; ++i)
            s.points.push_back({0.1 * i, 0.5 - 0.1 * i, i % 2 ? "p1" : "p0", "p1"});
        s.fit.beta = beta;
        s.fit.r = -0.5;
        s.fit.p = 0.01;
        s.fit.n = points;
        s.fit.band = {{0.0, 0.4, 0.6}, {0.1 * points, 0.0, 0.2}};
        return s;
    }

private slots:
    void scatterSwitchesMetric() {
        InterferenceScatter scatter;
        scatter.setSets({set("Jaccard", "5%", false, 6, -0.25), set("weighted edit", "5%", false, 9, -0.75),
                         set("Jaccard", "5%", true, 4, -0.5)});
        QCOMPARE(scatter.metric(), QString("Jaccard"));
        QCOMPARE(scatterPoints(scatter.chart()), 6);
        QVERIFY(scatter.statisticsText().contains("β = -0.250"));
        QVERIFY(scatter.statisticsText().contains("n = 6"));

        scatter.setMetric("weighted edit");
        QCOMPARE(scatter.currentSet()->metric, QString("weighted edit"));
        QCOMPARE(scatterPoints(scatter.chart()), 9);
        QVERIFY(scatter.statisticsText().contains("β = -0.750"));
        const auto axes = scatter.chart()->axes(Qt::Horizontal);
        QCOMPARE(axes.size(), 1);
        QVERIFY(axes.first()->titleText().contains("weighted edit"));

        scatter.setMetric("Jaccard");
        scatter.setReferenceFilter(true);
        QCOMPARE(scatterPoints(scatter.chart()), 4);
        scatter.setMetric("weighted edit");  // no filtered set for this metric
        QVERIFY(scatter.currentSet() == nullptr);
        QCOMPARE(scatterPoints(scatter.chart()), 0);
    }

    void scatterStylesSameAndCrossPatternApart() {
        InterferenceScatter scatter;
        scatter.setSets({set("Jaccard", "5%", false, 6, -0.25)});
        QList<QScatterSeries*> scatters;
        for (QAbstractSeries* s : scatter.chart()->series())
            if (auto* sc = qobject_cast<QScatterSeries*>(s)) scatters << sc;
        QCOMPARE(scatters.size(), 2);
        QCOMPARE(scatters[0]->count() + scatters[1]->count(), 6);
        QCOMPARE(std::min(scatters[0]->count(), scatters[1]->count()), 3);  // odd i: p1 -> p1 is same-pattern
        QVERIFY(scatters[0]->markerShape() != scatters[1]->markerShape());
        QVERIFY(scatters[0]->color() != scatters[1]->color());
    }

    void clickingAPointEmitsItsPair() {
        InterferenceScatter scatter;
        scatter.setSets({set("Jaccard", "5%", false, 6, -0.25)});
        QSignalSpy clicked(&scatter, &InterferenceScatter::pairClicked);
        for (QAbstractSeries* s : scatter.chart()->series())
            if (auto* sc = qobject_cast<QScatterSeries*>(s); sc && sc->points().contains(QPointF(0.2, 0.3)))
                emit sc->clicked(QPointF(0.2, 0.3));  // point 2: edited p0, probed p1
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().at(0).toString(), QString("p0"));
        QCOMPARE(clicked.first().at(1).toString(), QString("p1"));
    }

    void fitLineMatchesHandComputation() {
        // x = 0, 1, 2, 3; y = 1, 3, 2, 5: mean x 1.5, mean y 2.75, Sxx 5, Sxy 5.5, Syy 8.75.
        std::vector<InterferencePoint> points = {{0, 1, "a", "b"}, {1, 3, "a", "b"}, {2, 2, "a", "b"}, {3, 5, "a", "b"}};
        const InterferenceFit fit = fitLine(points, 2);
        QCOMPARE(fit.n, 4);
        QVERIFY(qAbs(fit.beta - 1.1) < 1e-12);
        QVERIFY(qAbs(fit.alpha - 1.1) < 1e-12);
        QVERIFY(qAbs(fit.r - 5.5 / std::sqrt(5 * 8.75)) < 1e-12);
        // Residual variance (8.75 - 1.1 * 5.5) / 2 = 1.35; at x = 0 the half-width is t(0.975, 2) sqrt(1.35 (1/4 + 2.25/5)),
        // the backend's band (analysis/confidence_band.h), with t(0.975, 2) = 4.302652729911275.
        QCOMPARE(fit.band.size(), size_t(2));
        QVERIFY(qAbs((fit.band[0].upper - fit.band[0].lower) / 2 - 4.302652729911275 * std::sqrt(1.35 * 0.7)) < 1e-9);
        QVERIFY(qAbs(fit.band[1].distance - 3.0) < 1e-12);
    }

    void heatmapClickEmitsThePair() {
        DistanceHeatmap heatmap;
        PatternDistances d;
        d.patterns = {"a", "b", "c"};
        d.metrics = {{"Jaccard", {0, 1, 2, 1, 0, 3, 2, 3, 0}}, {"bad", {1, 2}}};
        heatmap.setDistances(d);
        QCOMPARE(heatmap.cellCount(), 9);
        QSignalSpy clicked(&heatmap, &DistanceHeatmap::pairClicked);
        for (QGraphicsItem* item : heatmap.figureScene()->items())
            if (item->flags() & QGraphicsItem::ItemIsSelectable && item->data(0).toInt() == 1 && item->data(1).toInt() == 2)
                item->setSelected(true);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().at(0).toInt(), 1);
        QCOMPARE(clicked.first().at(1).toInt(), 2);

        heatmap.setMetric("bad");  // 2 values for 3 patterns: a notice, no cells
        QCOMPARE(heatmap.metric(), QString("bad"));
        QCOMPARE(heatmap.cellCount(), 0);
    }

    void resultsExportAsCsvAndLatex() {
        const std::vector<EditResult> results = {{"REdit", 1, 0, 74.125, 94.3}, {"Lo,RA \"x\"", 2, 1, 58.4, 91.55}};
        QCOMPARE(resultsToCsv(results), QString("method,level,seed,generality,locality\n"
                                                "REdit,1,0,74.1,94.3\n"
                                                "\"Lo,RA \"\"x\"\"\",2,1,58.4,91.5\n"));
        QCOMPARE(resultsToLatex({{"Alpha_Edit & 50%", 3, 2, 54.2, 92.2}}),
                 QString("\\begin{tabular}{lrrrr}\n\\toprule\n"
                         "Method & Level & Seed & Generality & Locality \\\\\n\\midrule\n"
                         "Alpha\\_Edit \\& 50\\% & 3 & 2 & 54.2 & 92.2 \\\\\n"
                         "\\bottomrule\n\\end{tabular}\n"));
    }
};

QTEST_MAIN(TestAnalysisViews)
#include "test_analysis_views.moc"
