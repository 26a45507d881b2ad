#pragma once
#include <QHash>
#include <QString>

namespace redit::gui {

// Time left of runs from their progress over time: the mean rate since the run's first report, so that
// setup before the first step does not count and a resumed run starts from its restored progress.
class EtaEstimator {
public:
    // Records `progress` (0..1) of a run at `seconds` on a monotonic clock; returns the seconds left, rounded,
    // or -1 while unknown (first report, or no progress since it).
    int update(const QString& runId, double progress, double seconds);
    void forget(const QString& runId);
    void clear();

private:
    struct Start {
        double progress;
        double seconds;
    };
    QHash<QString, Start> starts_;
};

}  // namespace redit::gui
