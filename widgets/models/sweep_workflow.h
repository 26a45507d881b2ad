#pragma once
#include <QObject>
#include <QTimer>

#include "adapters/sweep_status_reader.h"

namespace redit {
class StageRegistry;
}

namespace redit::gui {

class MainWindow;
class RunController;
class SweepMonitor;

// The window's side of sweeps (docs/gui.md, "Sweeps"): the Sweeps pane lists the open project's sweeps,
// read on a worker thread when the project opens, when a sweep is launched, and every few seconds while one
// is active (squeue, sacct and the cell projects); Collect merges a sweep's finished cells into the project on
// a worker thread and reloads the project's runs; Resume starts the sweep again with --resume where it was
// launched.
class SweepWorkflow : public QObject {
    Q_OBJECT
public:
    SweepWorkflow(MainWindow& window, RunController& controller, SweepMonitor& monitor);

    // Reads the sweeps again now (a read in flight is followed by one more).
    void refresh();
    // A sweep New Run has just launched: shown and selected once read.
    void launched(const QString& spec);
    void collect(const QString& spec);
    void resume(const QString& spec);
    const QList<SweepView>& sweeps() const { return sweeps_; }
    QTimer& refreshTimer() { return timer_; }

signals:
    // A read of the sweeps was shown.
    void refreshed();
    // A collect ended; `ok` false when it failed (the line says why).
    void collected(bool ok, const QString& line);

private:
    void projectOpened();
    void projectClosed();
    void show(const QString& project, const QList<SweepView>& sweeps);

    MainWindow& window_;
    RunController& controller_;
    SweepMonitor& monitor_;
    QTimer timer_;
    QList<SweepView> sweeps_;
    QString select_;       // a launched sweep to select when it shows
    bool reading_ = false;
    bool readAgain_ = false;
};

}  // namespace redit::gui
