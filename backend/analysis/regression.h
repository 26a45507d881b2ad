#pragma once
// Least-squares line fits and correlations for the Circuit-Interference Law (docs/circuits.md):
// Delta ~ alpha + beta * d, with standard errors, t tests, 95% intervals, Pearson r, Spearman rho and seeded
// bootstrap intervals. Distributions from Boost.Math.
#include <cstdint>
#include <vector>

namespace redit {

struct Interval {
    double low = 0;
    double high = 0;
};

struct LinearFit {
    int64_t n = 0;
    double intercept = 0, slope = 0;
    double interceptStdError = 0, slopeStdError = 0;
    double interceptT = 0, slopeT = 0;  // estimate / standard error
    double interceptP = 0, slopeP = 0;  // two-sided, Student t with n - 2 degrees of freedom
    Interval intercept95, slope95;      // estimate -/+ t(0.975, n - 2) * standard error
    double residualStdDev = 0;          // sqrt(RSS / (n - 2))
    double rSquared = 0;
};

// Ordinary least squares of y on x. Throws ConfigError unless x and y have the same length, at least three
// finite points and x is not constant. A perfect fit gives zero standard errors and p-values of 0.
LinearFit fitLine(const std::vector<double>& x, const std::vector<double>& y);

struct Correlation {
    double r = 0;
    double p = 0;  // two-sided, t = r sqrt((n - 2) / (1 - r^2)) with n - 2 degrees of freedom
};

Correlation pearson(const std::vector<double>& x, const std::vector<double>& y);
// Pearson correlation of the ranks, ties ranked by their mean position; same p-value formula (approximate).
Correlation spearman(const std::vector<double>& x, const std::vector<double>& y);
std::vector<double> averageRanks(const std::vector<double>& values);  // 1-based

enum class BootstrapStatistic { Slope, Pearson };

// Percentile interval of the statistic over `resamples` resamplings of the (x, y) pairs with replacement,
// from a fixed seed (std::mt19937_64), so the same call gives the same interval. Resamples whose x is
// constant are drawn again. level: e.g. 0.95.
Interval bootstrapInterval(const std::vector<double>& x, const std::vector<double>& y, BootstrapStatistic statistic,
                           int64_t resamples, uint64_t seed, double level = 0.95);

}  // namespace redit
