#include "models/run_time_estimate.h"

#include <QCoreApplication>
#include <QDir>

namespace redit::gui {
namespace {

bool samePath(const QString& a, const QString& b) {
    return !a.isEmpty() && QDir::cleanPath(a) == QDir::cleanPath(b);
}

}  // namespace

QString durationText(double seconds) {
    const qint64 s = qMax<qint64>(0, qRound64(seconds));
    if (s < 60) return QCoreApplication::translate("redit::gui::RunTimeEstimate", "%1 s").arg(s);
    if (s < 3600) return QCoreApplication::translate("redit::gui::RunTimeEstimate", "%1 min %2 s").arg(s / 60).arg(s % 60);
    return QCoreApplication::translate("redit::gui::RunTimeEstimate", "%1 h %2 min").arg(s / 3600).arg((s / 60) % 60);
}

QString runTimeEstimate(const QString& kind, const QString& model, const QString& data, const QList<FinishedRunTime>& runs) {
    // Likeness: 2 = same model and dataset, 1 = same model, 0 = same stage only; the newest run wins a tie.
    const FinishedRunTime* best = nullptr;
    int bestLikeness = -1;
    for (const FinishedRunTime& run : runs) {
        if (run.kind != kind) continue;
        const int likeness = samePath(run.model, model) ? (run.data == data && !data.isEmpty() ? 2 : 1) : 0;
        if (likeness > bestLikeness || (likeness == bestLikeness && run.id > best->id)) {
            best = &run;
            bestLikeness = likeness;
        }
    }
    if (!best) return {};
    const QString time = durationText(best->seconds);
    switch (bestLikeness) {
    case 2: return QCoreApplication::translate("redit::gui::RunTimeEstimate", "Time: about %1, as run #%2 of this stage on the same model and dataset took").arg(time).arg(best->id);
    case 1: return QCoreApplication::translate("redit::gui::RunTimeEstimate", "Time: about %1, as run #%2 of this stage on the same model (another dataset) took").arg(time).arg(best->id);
    default: return QCoreApplication::translate("redit::gui::RunTimeEstimate", "Time: run #%2 of this stage took %1 on another model; this one may differ a lot").arg(time).arg(best->id);
    }
}

}  // namespace redit::gui
