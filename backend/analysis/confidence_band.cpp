#include "analysis/confidence_band.h"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace redit::analysis {

std::vector<BandPoint> confidenceBand(const LinearFit& fit, const std::vector<double>& x, int points, double level) {
    std::vector<BandPoint> band;
    if (x.size() < 3 || points < 2) return band;
    const double n = double(x.size());
    double mean = 0;
    for (double d : x) mean += d;
    mean /= n;
    double sxx = 0;
    for (double d : x) sxx += (d - mean) * (d - mean);
    if (!(sxx > 0)) return band;
    const double t = boost::math::quantile(boost::math::students_t(n - 2), 1 - (1 - level) / 2);
    const auto [low, high] = std::minmax_element(x.begin(), x.end());
    for (int i = 0; i < points; ++i) {
        const double d = *low + (*high - *low) * i / (points - 1);
        const double half = t * fit.residualStdDev * std::sqrt(1 / n + (d - mean) * (d - mean) / sxx);
        const double y = fit.intercept + fit.slope * d;
        band.push_back({d, y - half, y + half});
    }
    return band;
}

}  // namespace redit::analysis
