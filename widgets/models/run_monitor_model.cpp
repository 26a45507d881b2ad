#include "models/run_monitor_model.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>

namespace redit::gui {

QString runStateName(MonitoredRun::State state) {
    switch (state) {
    case MonitoredRun::State::Queued: return QCoreApplication::translate("redit::gui::RunMonitorModel", "queued");
    case MonitoredRun::State::Running: return QCoreApplication::translate("redit::gui::RunMonitorModel", "running");
    case MonitoredRun::State::Finished: return QCoreApplication::translate("redit::gui::RunMonitorModel", "finished");
    case MonitoredRun::State::Failed: return QCoreApplication::translate("redit::gui::RunMonitorModel", "failed");
    case MonitoredRun::State::Cancelled: return QCoreApplication::translate("redit::gui::RunMonitorModel", "cancelled");
    }
    return {};
}

QString formatEta(int seconds) {
    if (seconds < 0) return QStringLiteral("–");
    if (seconds < 60) return QCoreApplication::translate("redit::gui::RunMonitorModel", "%1 s").arg(seconds);
    if (seconds < 3600)
        return QCoreApplication::translate("redit::gui::RunMonitorModel", "%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QCoreApplication::translate("redit::gui::RunMonitorModel", "%1 h %2 min")
        .arg(seconds / 3600)
        .arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

int RunMonitorModel::rowOf(const QString& id) const {
    auto it = std::find_if(runs_.begin(), runs_.end(), [&](const MonitoredRun& r) { return r.id == id; });
    return it == runs_.end() ? -1 : int(it - runs_.begin());
}

void RunMonitorModel::upsertRun(const MonitoredRun& run) {
    MonitoredRun clean = run;
    clean.progress = std::isfinite(run.progress) ? std::clamp(run.progress, 0.0, 1.0) : 0.0;
    const int row = rowOf(run.id);
    if (row >= 0) {
        runs_[size_t(row)] = clean;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    beginInsertRows({}, 0, 0);  // newest first
    runs_.insert(runs_.begin(), clean);
    endInsertRows();
}

void RunMonitorModel::removeRun(const QString& id) {
    const int row = rowOf(id);
    if (row < 0) return;
    beginRemoveRows({}, row, row);
    runs_.erase(runs_.begin() + row);
    endRemoveRows();
}

void RunMonitorModel::clear() {
    beginResetModel();
    runs_.clear();
    endResetModel();
}

const MonitoredRun* RunMonitorModel::runAt(int row) const {
    return row >= 0 && row < int(runs_.size()) ? &runs_[size_t(row)] : nullptr;
}

int RunMonitorModel::activeRunCount() const {
    return int(std::count_if(runs_.begin(), runs_.end(), [](const MonitoredRun& r) { return r.isActive(); }));
}

int RunMonitorModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(runs_.size()); }

int RunMonitorModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RunMonitorModel::data(const QModelIndex& index, int role) const {
    const MonitoredRun* run = runAt(index.row());
    if (!run || role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case Name: return run->name;
    case State: return runStateName(run->state);
    case Progress: return int(std::lround(run->progress * 100));
    case Eta: return run->isActive() ? formatEta(run->etaSeconds) : QString();
    }
    return {};
}

QVariant RunMonitorModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return {};
    switch (section) {
    case Name: return tr("Run");
    case State: return tr("State");
    case Progress: return tr("Progress");
    case Eta: return tr("ETA");
    }
    return {};
}

}  // namespace redit::gui
