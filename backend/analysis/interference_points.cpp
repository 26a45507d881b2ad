#include "analysis/interference_points.h"

#include <algorithm>
#include <numeric>
#include <sstream>

#include "util/error.h"

namespace redit {

InterferencePoints applyReferenceFigureOptions(const InterferencePoints& points, const InterferenceFilterOptions& options) {
    if (points.distance.size() != points.interference.size())
        throw ConfigError("interference points have " + std::to_string(points.distance.size()) + " distances and " +
                          std::to_string(points.interference.size()) + " interference values");
    InterferencePoints kept;
    for (size_t i = 0; i < points.distance.size(); ++i)
        if (options.dropInterferenceBelow < 0 || points.interference[i] >= options.dropInterferenceBelow) {
            kept.distance.push_back(points.distance[i]);
            kept.interference.push_back(points.interference[i]);
        }
    if (options.slidingWindow <= 1) return kept;
    const auto window = size_t(options.slidingWindow);
    if (window > kept.distance.size())
        throw ConfigError("sliding window of " + std::to_string(window) + " points is longer than the " +
                          std::to_string(kept.distance.size()) + " points left");
    std::vector<size_t> order(kept.distance.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return kept.distance[a] < kept.distance[b]; });
    InterferencePoints smoothed;
    for (size_t start = 0; start + window <= order.size(); ++start) {
        double d = 0, delta = 0;
        for (size_t k = start; k < start + window; ++k) {
            d += kept.distance[order[k]];
            delta += kept.interference[order[k]];
        }
        smoothed.distance.push_back(d / double(window));
        smoothed.interference.push_back(delta / double(window));
    }
    return smoothed;
}

std::string describeReferenceFigureOptions(const InterferenceFilterOptions& options) {
    std::ostringstream out;
    if (options.dropInterferenceBelow >= 0) out << "dropped Delta < " << options.dropInterferenceBelow;
    if (options.slidingWindow > 1) out << (out.tellp() > 0 ? "; " : "") << "sliding window " << options.slidingWindow;
    return out.tellp() > 0 ? out.str() : "none";
}

}  // namespace redit
