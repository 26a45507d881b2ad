#pragma once
// The confidence band of a fitted line (docs/circuits.md "Interference statistics"): the one band every view
// of the law draws.
#include <vector>

#include "analysis/regression.h"

namespace redit::analysis {

struct BandPoint {
    double x = 0;
    double low = 0, high = 0;
};

// The `level` confidence band of the fitted mean intercept + slope x, at `points` evenly spaced x from the
// smallest to the largest of `x` (the distances the fit used): half-width t(1 - (1 - level)/2, n - 2)
// * residualStdDev * sqrt(1/n + (x - mean x)^2 / Sxx). Empty for fewer than 3 points, constant x or points < 2.
std::vector<BandPoint> confidenceBand(const LinearFit& fit, const std::vector<double>& x, int points, double level = 0.95);

}  // namespace redit::analysis
