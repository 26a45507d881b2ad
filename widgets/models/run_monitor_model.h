#pragma once
#include <QAbstractTableModel>
#include <vector>

namespace redit::gui {

// One job as the run monitor shows it; the lead feeds these from the job engine.
struct MonitoredRun {
    enum class State { Queued, Running, Finished, Failed, Cancelled };
    QString id;
    QString name;
    State state = State::Queued;
    double progress = 0;   // 0..1
    int etaSeconds = -1;   // -1: unknown
    bool isActive() const { return state == State::Queued || state == State::Running; }
};

QString runStateName(MonitoredRun::State state);
// "45 s", "3 min 05 s", "2 h 07 min"; "–" when unknown.
QString formatEta(int seconds);

// The runs table: name, state, progress (0..100 under Qt::DisplayRole), ETA.
class RunMonitorModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, State, Progress, Eta, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    // Adds the run as the first row (newest first) or updates the row with the same id.
    void upsertRun(const MonitoredRun& run);
    void removeRun(const QString& id);
    void clear();
    const MonitoredRun* runAt(int row) const;
    int activeRunCount() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    int rowOf(const QString& id) const;
    std::vector<MonitoredRun> runs_;
};

}  // namespace redit::gui
