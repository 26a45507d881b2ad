#include "models/run_eta.h"

#include <algorithm>
#include <cmath>

namespace redit::gui {

int EtaEstimator::update(const QString& runId, double progress, double seconds) {
    auto it = starts_.find(runId);
    if (it == starts_.end()) {
        starts_.insert(runId, {progress, seconds});
        return -1;
    }
    const double done = progress - it->progress, elapsed = seconds - it->seconds;
    if (!(done > 0) || !(elapsed > 0) || !std::isfinite(progress)) return -1;
    const double left = elapsed / done * std::max(0.0, 1.0 - progress);
    return left < 1e9 ? int(std::lround(left)) : -1;
}

void EtaEstimator::forget(const QString& runId) { starts_.remove(runId); }

void EtaEstimator::clear() { starts_.clear(); }

}  // namespace redit::gui
