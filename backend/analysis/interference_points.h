#pragma once
// The (distance, interference) points of the Circuit-Interference Law, with the two transformations the
// reference figure applies. Both are off by default and must be reported when used: they change the fit.
#include <cstdint>
#include <string>
#include <vector>

namespace redit {

struct InterferencePoints {
    std::vector<double> distance;      // d(i, j)
    std::vector<double> interference;  // Delta(i -> j)
};

// The reference figure's filter: it drops the points with Delta below this.
inline constexpr double kReferenceDeltaFloor = 0.1;

struct InterferenceFilterOptions {
    // Reference-figure filter: drop points with Delta below this (the figure uses kReferenceDeltaFloor). Off when negative.
    double dropInterferenceBelow = -1;
    // Reference-figure smoothing: sort by distance and replace the points by the means of every window of
    // this many consecutive points (stride 1). Off when 0 or 1.
    int64_t slidingWindow = 0;
};

// Throws ConfigError for lengths that differ or a window longer than the points left after filtering.
InterferencePoints applyReferenceFigureOptions(const InterferencePoints& points, const InterferenceFilterOptions& options);

// A label for reports: "none", or e.g. "dropped Delta < 0.1; sliding window 5".
std::string describeReferenceFigureOptions(const InterferenceFilterOptions& options);

}  // namespace redit
