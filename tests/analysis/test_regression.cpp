// Regression statistics against NIST StRD certified values (Norris) and hand-computed small cases.
#include <QtTest>

#include <cmath>

#include "analysis/regression.h"
#include "util/error.h"

using namespace redit;

namespace {

// NIST StRD "Norris" (public domain): 36 observations, y then x.
const std::vector<double> kNorrisY{0.1,   338.8, 118.1, 888.0, 9.2,   228.1, 668.5, 998.5, 449.1,
                                   778.9, 559.2, 0.3,   0.1,   778.1, 668.8, 339.3, 448.9, 10.8,
                                   557.7, 228.3, 998.0, 888.8, 119.6, 0.3,   0.6,   557.6, 339.3,
                                   888.0, 998.5, 778.9, 10.2,  117.6, 228.9, 668.4, 449.2, 0.2};
const std::vector<double> kNorrisX{0.2,   337.4, 118.2, 884.6, 10.1,  226.5, 666.3, 996.3, 448.6,
                                   777.0, 558.2, 0.4,   0.6,   775.5, 666.9, 338.0, 447.5, 11.6,
                                   556.0, 228.1, 995.8, 887.6, 120.2, 0.3,   0.3,   556.8, 339.1,
                                   887.2, 999.0, 779.0, 11.1,  118.3, 229.2, 669.1, 448.9, 0.5};

bool close(double actual, double expected, double relative) {
    return std::abs(actual - expected) <= relative * std::max(1e-300, std::abs(expected));
}

#define QVERIFY_CLOSE(actual, expected, relative)                                                              \
    QVERIFY2(close((actual), (expected), (relative)),                                                           \
             qPrintable(QString("%1 = %2, expected %3").arg(#actual).arg((actual), 0, 'g', 17).arg((expected), 0, 'g', 17)))

// Student t with 3 degrees of freedom has a closed-form CDF: an independent check of the p-values.
double twoSidedPThreeDf(double t) {
    const double s = t / std::sqrt(3.0);
    const double cdf = 0.5 + (s / (1 + s * s) + std::atan(s)) / M_PI;
    return 2 * (1 - cdf);
}

// Small case: x = 1..5, y = 2, 4, 5, 4, 5. By hand: means 3 and 4, Sxx = 10, Sxy = 6, Syy = 6, so slope 0.6,
// intercept 2.2, residuals -0.8, 0.6, 1.0, -0.6, -0.2, RSS 2.4, s^2 = 0.8, r = 6 / sqrt(60).
const std::vector<double> kX{1, 2, 3, 4, 5}, kY{2, 4, 5, 4, 5};

}  // namespace

class TestRegression : public QObject {
    Q_OBJECT

private slots:
    void norrisCertifiedValues() {
        const LinearFit f = fitLine(kNorrisX, kNorrisY);
        QCOMPARE(f.n, int64_t(36));
        QVERIFY_CLOSE(f.slope, 1.00211681802045, 1e-12);
        QVERIFY_CLOSE(f.slopeStdError, 0.429796848199937e-3, 1e-10);
        QVERIFY_CLOSE(f.intercept, -0.262323073774029, 1e-10);
        QVERIFY_CLOSE(f.interceptStdError, 0.232818234301152, 1e-10);
        QVERIFY_CLOSE(f.residualStdDev, 0.884796396144373, 1e-10);
        QVERIFY_CLOSE(f.rSquared, 0.999993745883712, 1e-12);
        QVERIFY_CLOSE(pearson(kNorrisX, kNorrisY).r, std::sqrt(0.999993745883712), 1e-12);
    }

    void smallCaseByHand() {
        const LinearFit f = fitLine(kX, kY);
        QVERIFY_CLOSE(f.slope, 0.6, 1e-14);
        QVERIFY_CLOSE(f.intercept, 2.2, 1e-14);
        QVERIFY_CLOSE(f.slopeStdError, std::sqrt(0.08), 1e-14);
        QVERIFY_CLOSE(f.interceptStdError, std::sqrt(0.8 * (1.0 / 5 + 9.0 / 10)), 1e-14);
        QVERIFY_CLOSE(f.slopeT, 0.6 / std::sqrt(0.08), 1e-14);
        QVERIFY_CLOSE(f.slopeP, twoSidedPThreeDf(0.6 / std::sqrt(0.08)), 1e-10);
        QVERIFY_CLOSE(f.interceptP, twoSidedPThreeDf(2.2 / std::sqrt(0.88)), 1e-10);
        // t(0.975, 3) = 3.18244630528371 (tables).
        QVERIFY_CLOSE(f.slope95.low, 0.6 - 3.18244630528371 * std::sqrt(0.08), 1e-12);
        QVERIFY_CLOSE(f.slope95.high, 0.6 + 3.18244630528371 * std::sqrt(0.08), 1e-12);
        QVERIFY_CLOSE(f.rSquared, 1 - 2.4 / 6, 1e-14);

        const Correlation r = pearson(kX, kY);
        QVERIFY_CLOSE(r.r, 6 / std::sqrt(60.0), 1e-14);
        QVERIFY_CLOSE(r.p, f.slopeP, 1e-10);  // the same t statistic
        // Ranks of y: 1, 2.5, 4.5, 2.5, 4.5; rho = 7 / sqrt(10 * 9).
        QCOMPARE(averageRanks(kY), (std::vector<double>{1, 2.5, 4.5, 2.5, 4.5}));
        QVERIFY_CLOSE(spearman(kX, kY).r, 7 / std::sqrt(90.0), 1e-14);
        // Spearman only sees the order: a monotone transform of x changes nothing.
        std::vector<double> cubed;
        for (double x : kX) cubed.push_back(x * x * x);
        QVERIFY_CLOSE(spearman(cubed, kY).r, spearman(kX, kY).r, 1e-14);
    }

    void negativeSlopeAndPerfectFit() {
        const std::vector<double> y{5, 3, 1, -1};  // y = 7 - 2x exactly
        const LinearFit f = fitLine({1, 2, 3, 4}, y);
        QVERIFY_CLOSE(f.slope, -2.0, 1e-14);
        QVERIFY_CLOSE(f.intercept, 7.0, 1e-14);
        QCOMPARE(f.slopeStdError, 0.0);
        QCOMPARE(f.slopeP, 0.0);
        QCOMPARE(pearson({1, 2, 3, 4}, y).r, -1.0);
        QCOMPARE(spearman({1, 2, 3, 4}, y).r, -1.0);
    }

    void bootstrapIsSeededAndSensible() {
        const Interval a = bootstrapInterval(kNorrisX, kNorrisY, BootstrapStatistic::Slope, 400, 42);
        const Interval b = bootstrapInterval(kNorrisX, kNorrisY, BootstrapStatistic::Slope, 400, 42);
        QCOMPARE(a.low, b.low);
        QCOMPARE(a.high, b.high);
        const LinearFit f = fitLine(kNorrisX, kNorrisY);
        QVERIFY(a.low < f.slope && f.slope < a.high);
        QVERIFY(a.high - a.low < 10 * f.slopeStdError);  // about 4 standard errors wide
        const Interval c = bootstrapInterval(kNorrisX, kNorrisY, BootstrapStatistic::Slope, 400, 43);
        QVERIFY(c.low != a.low || c.high != a.high);
        // Points on a line: every resample has the same slope and correlation.
        const Interval exact = bootstrapInterval({1, 2, 3, 4, 5}, {3, 5, 7, 9, 11}, BootstrapStatistic::Slope, 50, 1);
        QVERIFY_CLOSE(exact.low, 2.0, 1e-12);
        QVERIFY_CLOSE(exact.high, 2.0, 1e-12);
        const Interval r = bootstrapInterval(kX, kY, BootstrapStatistic::Pearson, 200, 7);
        QVERIFY(r.low >= -1 && r.high <= 1 && r.low <= r.high);
    }

    void rejectsUnusableData() {
        QVERIFY_THROWS_EXCEPTION(ConfigError, fitLine({1, 2, 3}, {1, 2}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, fitLine({1, 2}, {1, 2}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, fitLine({2, 2, 2}, {1, 2, 3}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, fitLine({1, 2, NAN}, {1, 2, 3}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, pearson({1, 2, 3}, {4, 4, 4}));
        QVERIFY_THROWS_EXCEPTION(ConfigError, bootstrapInterval(kX, kY, BootstrapStatistic::Slope, 5, 1));
    }
};

QTEST_GUILESS_MAIN(TestRegression)
#include "test_regression.moc"
