#include "analysis/regression.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include <boost/math/distributions/students_t.hpp>

#include "util/error.h"

namespace redit {

namespace {

void checkPairs(const std::vector<double>& x, const std::vector<double>& y, size_t minimum) {
    if (x.size() != y.size())
        throw ConfigError("x has " + std::to_string(x.size()) + " values, y has " + std::to_string(y.size()));
    if (x.size() < minimum) throw ConfigError("need at least " + std::to_string(minimum) + " points, got " + std::to_string(x.size()));
    for (size_t i = 0; i < x.size(); ++i)
        if (!std::isfinite(x[i]) || !std::isfinite(y[i])) throw ConfigError("point " + std::to_string(i) + " is not finite");
}

double mean(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size()); }

// Centered sums of squares and products (two-pass, for accuracy on data like NIST Norris).
struct Moments {
    double meanX = 0, meanY = 0, sxx = 0, syy = 0, sxy = 0;
};

Moments moments(const std::vector<double>& x, const std::vector<double>& y) {
    Moments m;
    m.meanX = mean(x);
    m.meanY = mean(y);
    for (size_t i = 0; i < x.size(); ++i) {
        const double dx = x[i] - m.meanX, dy = y[i] - m.meanY;
        m.sxx += dx * dx;
        m.syy += dy * dy;
        m.sxy += dx * dy;
    }
    return m;
}

double twoSidedP(double t, double degrees) {
    if (std::isinf(t)) return 0.0;
    boost::math::students_t dist(degrees);
    return 2 * boost::math::cdf(boost::math::complement(dist, std::abs(t)));
}

Correlation correlationOf(const std::vector<double>& x, const std::vector<double>& y) {
    const Moments m = moments(x, y);
    if (m.sxx == 0 || m.syy == 0) throw ConfigError("correlation is undefined for a constant variable");
    Correlation c;
    c.r = std::clamp(m.sxy / std::sqrt(m.sxx * m.syy), -1.0, 1.0);
    const double n = double(x.size());
    c.p = std::abs(c.r) == 1 ? 0.0 : twoSidedP(c.r * std::sqrt((n - 2) / (1 - c.r * c.r)), n - 2);
    return c;
}

double slopeOf(const std::vector<double>& x, const std::vector<double>& y) {
    const Moments m = moments(x, y);
    return m.sxy / m.sxx;
}

}  // namespace

LinearFit fitLine(const std::vector<double>& x, const std::vector<double>& y) {
    checkPairs(x, y, 3);
    const Moments m = moments(x, y);
    if (m.sxx == 0) throw ConfigError("cannot fit a line: all x values are equal");
    LinearFit f;
    f.n = int64_t(x.size());
    const double n = double(f.n), df = n - 2;
    f.slope = m.sxy / m.sxx;
    f.intercept = m.meanY - f.slope * m.meanX;
    double rss = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        const double r = y[i] - (f.intercept + f.slope * x[i]);
        rss += r * r;
    }
    f.residualStdDev = std::sqrt(rss / df);
    f.rSquared = m.syy == 0 ? 1.0 : 1 - rss / m.syy;
    const double s2 = rss / df;
    f.slopeStdError = std::sqrt(s2 / m.sxx);
    f.interceptStdError = std::sqrt(s2 * (1 / n + m.meanX * m.meanX / m.sxx));
    const double inf = std::numeric_limits<double>::infinity();
    auto tOf = [&](double estimate, double se) { return se > 0 ? estimate / se : (estimate == 0 ? 0.0 : inf); };
    f.slopeT = tOf(f.slope, f.slopeStdError);
    f.interceptT = tOf(f.intercept, f.interceptStdError);
    f.slopeP = twoSidedP(f.slopeT, df);
    f.interceptP = twoSidedP(f.interceptT, df);
    const double q = boost::math::quantile(boost::math::complement(boost::math::students_t(df), 0.025));
    f.slope95 = {f.slope - q * f.slopeStdError, f.slope + q * f.slopeStdError};
    f.intercept95 = {f.intercept - q * f.interceptStdError, f.intercept + q * f.interceptStdError};
    return f;
}

Correlation pearson(const std::vector<double>& x, const std::vector<double>& y) {
    checkPairs(x, y, 3);
    return correlationOf(x, y);
}

std::vector<double> averageRanks(const std::vector<double>& values) {
    std::vector<size_t> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return values[a] < values[b]; });
    std::vector<double> ranks(values.size());
    for (size_t i = 0; i < order.size();) {
        size_t j = i;
        while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
        const double rank = (double(i) + double(j)) / 2 + 1;  // mean of the 1-based positions i+1 .. j+1
        for (size_t k = i; k <= j; ++k) ranks[order[k]] = rank;
        i = j + 1;
    }
    return ranks;
}

Correlation spearman(const std::vector<double>& x, const std::vector<double>& y) {
    checkPairs(x, y, 3);
    return correlationOf(averageRanks(x), averageRanks(y));
}

Interval bootstrapInterval(const std::vector<double>& x, const std::vector<double>& y, BootstrapStatistic statistic,
                           int64_t resamples, uint64_t seed, double level) {
    checkPairs(x, y, 3);
    if (resamples < 10) throw ConfigError("a bootstrap interval needs at least 10 resamples");
    if (!(level > 0 && level < 1)) throw ConfigError("bootstrap level must be between 0 and 1");
    if (moments(x, y).sxx == 0) throw ConfigError("cannot bootstrap: all x values are equal");
    if (statistic == BootstrapStatistic::Pearson && moments(x, y).syy == 0)
        throw ConfigError("cannot bootstrap a correlation: all y values are equal");
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<size_t> pick(0, x.size() - 1);
    std::vector<double> stats, rx(x.size()), ry(y.size());
    while (int64_t(stats.size()) < resamples) {
        for (size_t i = 0; i < x.size(); ++i) {
            const size_t k = pick(rng);
            rx[i] = x[k];
            ry[i] = y[k];
        }
        const Moments m = moments(rx, ry);
        if (m.sxx == 0 || (statistic == BootstrapStatistic::Pearson && m.syy == 0)) continue;
        stats.push_back(statistic == BootstrapStatistic::Slope ? slopeOf(rx, ry) : correlationOf(rx, ry).r);
    }
    std::sort(stats.begin(), stats.end());
    // Percentiles by linear interpolation between order statistics.
    auto percentile = [&](double p) {
        const double pos = p * double(stats.size() - 1);
        const size_t lo = size_t(std::floor(pos));
        const size_t hi = std::min(lo + 1, stats.size() - 1);
        return stats[lo] + (pos - double(lo)) * (stats[hi] - stats[lo]);
    };
    return {percentile((1 - level) / 2), percentile(1 - (1 - level) / 2)};
}

}  // namespace redit
