#pragma once
// Sweeps launched from the GUI (docs/cluster.md, docs/gui.md): New Run writes the sweep's spec into the
// project's sweep folder (PROJECT.sweeps/NAME.json, the cells under NAME.sweep/) and starts the same
// `redit sweep run` a researcher would type, as a detached process, so that the sweep goes on when the
// window closes. The Sweeps pane finds them there again when the project is reopened.
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace redit {
class StageRegistry;
}

namespace redit::gui {

enum class SweepExecutor { Local, Slurm };

// How a sweep's cells run: N processes on this machine, or Slurm array tasks from a site config.
struct SweepExecution {
    SweepExecutor executor = SweepExecutor::Local;
    int processes = 1;
    QString siteFile;  // Slurm: the site config (empty: the cluster's defaults)
    qint64 launcherPid = 0;  // the `redit sweep run` process started last (0: none recorded)

    nlohmann::json toJson() const;
    // FileError naming `file` for a malformed record.
    static SweepExecution fromJson(const nlohmann::json& json, const std::string& file);
};

struct SweepLaunch {
    QString name;              // the spec's name and file name
    nlohmann::json run;        // a run config as `redit run` reads it (model and data as paths in params)
    nlohmann::json axes;       // config key -> array of values
    SweepExecution execution;
};

// PROJECT.sweeps beside the project file.
QString projectSweepFolder(const QString& projectPath);
// The sweep specs of a project, oldest first (by file name, which starts with the launch time).
QStringList projectSweeps(const QString& projectPath);

// Writes the spec (and how it runs, in SPEC.launch.json) into the project's sweep folder and checks every
// cell against its stage (readSweepSpec); on an error the files are removed and the error rethrown.
// Returns the spec's path.
QString writeSweepSpec(const QString& projectPath, const SweepLaunch& launch, const StageRegistry& registry);
// How a spec written by writeSweepSpec runs; Local with one process when it has no record.
SweepExecution sweepExecution(const QString& specPath);
// Whether the `redit sweep run` process recorded for the spec is still running (Linux: /proc).
bool sweepLauncherRunning(const QString& specPath, const SweepExecution& execution);

// The `redit` program: $REDIT_PROGRAM, else `redit` beside this program, else `redit` on the PATH.
QString reditProgram();
// Starts `redit sweep run SPEC --local N` or `--slurm [--site FILE]` (with `--resume`: the cells that
// stopped) as a detached process writing to a log in the sweep's folder (NAME.sweep/launch/); returns the log's path. Error when
// the program cannot be started. The process id is added to the spec's launch record.
QString startSweep(const QString& specPath, const SweepExecution& execution, bool resume,
                   const QString& program = reditProgram());

}  // namespace redit::gui
