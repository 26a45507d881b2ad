// The reference figure's filter and sliding-window averaging: off by default, exact when on.
#include <QtTest>

#include "analysis/interference_points.h"
#include "util/error.h"

using namespace redit;

class TestInterferencePoints : public QObject {
    Q_OBJECT

    const InterferencePoints points_{{3, 1, 2, 4}, {0.3, 0.05, 0.2, 0.4}};

private slots:
    void offByDefault() {
        const InterferencePoints same = applyReferenceFigureOptions(points_, {});
        QCOMPARE(same.distance, points_.distance);
        QCOMPARE(same.interference, points_.interference);
        QCOMPARE(describeReferenceFigureOptions({}), std::string("none"));
    }

    void filterThenWindowByHand() {
        InterferenceFilterOptions o;
        o.dropInterferenceBelow = 0.1;
        const InterferencePoints filtered = applyReferenceFigureOptions(points_, o);
        QCOMPARE(filtered.distance, (std::vector<double>{3, 2, 4}));
        // Sorted by distance (2, 3, 4) and averaged over windows of two: (2.5, 0.25), (3.5, 0.35).
        o.slidingWindow = 2;
        const InterferencePoints smoothed = applyReferenceFigureOptions(points_, o);
        QCOMPARE(smoothed.distance, (std::vector<double>{2.5, 3.5}));
        QCOMPARE(smoothed.interference.size(), size_t(2));
        QVERIFY(std::abs(smoothed.interference[0] - 0.25) < 1e-15 && std::abs(smoothed.interference[1] - 0.35) < 1e-15);
        QCOMPARE(describeReferenceFigureOptions(o), std::string("dropped Delta < 0.1; sliding window 2"));
    }

    void rejectsBadInput() {
        InterferenceFilterOptions o;
        o.slidingWindow = 5;
        QVERIFY_THROWS_EXCEPTION(ConfigError, applyReferenceFigureOptions(points_, o));
        QVERIFY_THROWS_EXCEPTION(ConfigError, applyReferenceFigureOptions({{1, 2}, {0.1}}, {}));
    }
};

QTEST_GUILESS_MAIN(TestInterferencePoints)
#include "test_interference_points.moc"
