#pragma once
// What the Sweeps pane shows of a project's sweeps, read off their specs, cell projects and Slurm
// (sweepStatus): on a worker thread, since squeue and sacct may take a while to answer.
#include <QList>
#include <QString>
#include <QStringList>

#include "adapters/sweep_launch.h"

namespace redit {
class StageRegistry;
}

namespace redit::gui {

struct SweepCellView {
    int index = 0;
    QString values;    // "params.seeds=[1] seed=0"
    QString state;     // done, running, pending or failed
    double progress = 0;  // 0..1
    QString slurmJob;  // "123_4"; empty outside Slurm
    QString node;
    QString error;
    bool collected = false;  // its runs were merged into the project (Collect Finished Cells)
};

struct SweepView {
    QString spec;  // the spec file
    QString name;
    QString id;
    SweepExecution execution;
    QList<SweepCellView> cells;
    QStringList notes;  // what Slurm could not be asked
    QString error;      // the spec cannot be read: no cells
    bool launcherRunning = false;  // the `redit sweep run` started from the GUI still runs
    int count(const QString& state) const;
    // Something may still change: the launcher runs, a cell runs, or Slurm holds a task.
    bool isActive() const;
    // Cells that `redit sweep run --resume` would take up again without running them twice: only when nothing
    // of the sweep runs, the failed cells and those that never started.
    int resumableCells() const;
};

// Every sweep of the project's sweep folder, oldest first; a spec that cannot be read is listed with its error.
QList<SweepView> readProjectSweeps(const QString& projectPath, const StageRegistry& registry);

// Merges the finished cells of a sweep into the project (collectSweep: one transaction, idempotent) and says
// what it did in one line. Throws what the merge throws.
QString collectSweepInto(const QString& projectPath, const QString& specPath, const StageRegistry& registry);

}  // namespace redit::gui
