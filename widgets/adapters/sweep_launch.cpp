#include "adapters/sweep_launch.h"

#include <algorithm>

#include <QCoreApplication>
#include <QFile>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

#include "jobs/stage_registry.h"
#include "sweep/sweep_spec.h"
#include "util/error.h"
#include "util/json_file.h"

namespace redit::gui {
namespace {

QString launchRecordPath(const QString& specPath) { return specPath + QStringLiteral(".launch.json"); }

// A file name from the sweep's name: letters, digits, '-', '_' and '.'; the rest becomes '-'.
QString fileStem(const QString& name) {
    QString stem = name.trimmed();
    stem.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("-"));
    return stem.isEmpty() ? QStringLiteral("sweep") : stem;
}

}  // namespace

nlohmann::json SweepExecution::toJson() const {
    return {{"executor", executor == SweepExecutor::Slurm ? "slurm" : "local"},
            {"processes", processes},
            {"site", siteFile.toStdString()},
            {"pid", launcherPid}};
}

SweepExecution SweepExecution::fromJson(const nlohmann::json& json, const std::string& file) {
    if (!json.is_object()) throw FileError(file, "must be an object {executor, processes, site}");
    SweepExecution execution;
    const std::string executor = json.value("executor", std::string("local"));
    if (executor != "local" && executor != "slurm") throw FileError(file, "executor must be \"local\" or \"slurm\"");
    execution.executor = executor == "slurm" ? SweepExecutor::Slurm : SweepExecutor::Local;
    execution.processes = std::max(1, json.value("processes", 1));
    execution.siteFile = QString::fromStdString(json.value("site", std::string()));
    execution.launcherPid = json.value("pid", qint64(0));
    return execution;
}

QString projectSweepFolder(const QString& projectPath) {
    const QFileInfo project(projectPath);
    return project.absoluteDir().filePath(project.fileName() + QStringLiteral(".sweeps"));
}

QStringList projectSweeps(const QString& projectPath) {
    const QDir folder(projectSweepFolder(projectPath));
    QStringList specs;
    for (const QString& name : folder.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        if (!name.endsWith(QStringLiteral(".launch.json"))) specs << folder.filePath(name);
    return specs;
}

QString writeSweepSpec(const QString& projectPath, const SweepLaunch& launch, const StageRegistry& registry) {
    const QString folder = projectSweepFolder(projectPath);
    if (!QDir().mkpath(folder)) throw FileError(folder.toStdString(), "cannot be created");
    // The launch time first, so that the sweeps list in the order they were started and never collide.
    const QString stem = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-")) + fileStem(launch.name);
    const QString specPath = QDir(folder).filePath(stem + QStringLiteral(".json"));
    nlohmann::json run = launch.run;
    run.erase("model_id");  // project ids mean nothing in a cell's own project
    run.erase("dataset_id");
    // A run's model is relative to the project's folder, a spec's to the spec's: the spec names it absolute.
    if (run.contains("params") && run["params"].is_object() && run["params"].contains("model") &&
        run["params"]["model"].is_string()) {
        const QString model = QString::fromStdString(run["params"]["model"].get<std::string>());
        run["params"]["model"] = QFileInfo(projectPath).absoluteDir().absoluteFilePath(model).toStdString();
    }
    const nlohmann::json spec = {{"name", launch.name.trimmed().isEmpty() ? stem.toStdString() : launch.name.trimmed().toStdString()},
                                 {"run", run},
                                 {"axes", launch.axes},
                                 {"folder", (stem + QStringLiteral(".sweep")).toStdString()}};
    writeJsonFile(specPath.toStdString(), spec);
    writeJsonFile(launchRecordPath(specPath).toStdString(), launch.execution.toJson());
    try {
        readSweepSpec(specPath.toStdString(), registry);
    } catch (...) {
        QFile::remove(specPath);
        QFile::remove(launchRecordPath(specPath));
        throw;
    }
    return specPath;
}

SweepExecution sweepExecution(const QString& specPath) {
    const QString record = launchRecordPath(specPath);
    if (!QFileInfo::exists(record)) return {};
    return SweepExecution::fromJson(readJsonFile(record.toStdString()), record.toStdString());
}

bool sweepLauncherRunning(const QString& specPath, const SweepExecution& execution) {
    if (execution.launcherPid <= 0) return false;
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(execution.launcherPid));
    if (!cmdline.open(QIODevice::ReadOnly)) return false;
    // A reused process id belongs to another program: the launcher's command line names the spec.
    return cmdline.readAll().contains(QFileInfo(specPath).fileName().toUtf8());
}

QString reditProgram() {
    const QString configured = qEnvironmentVariable("REDIT_PROGRAM");
    if (!configured.isEmpty()) return configured;
    const QString beside = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("redit"));
    if (QFileInfo(beside).isExecutable()) return beside;
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("redit"));
    return onPath.isEmpty() ? QStringLiteral("redit") : onPath;
}

QString startSweep(const QString& specPath, const SweepExecution& execution, bool resume, const QString& program) {
    QStringList arguments{QStringLiteral("sweep"), QStringLiteral("run"), specPath};
    if (execution.executor == SweepExecutor::Slurm) {
        arguments << QStringLiteral("--slurm");
        if (!execution.siteFile.isEmpty()) arguments << QStringLiteral("--site") << execution.siteFile;
    } else {
        arguments << QStringLiteral("--local") << QString::number(std::max(1, execution.processes));
    }
    if (resume) arguments << QStringLiteral("--resume");
    const QFileInfo spec(specPath);
    const QString logs = spec.absoluteDir().filePath(spec.completeBaseName() + QStringLiteral(".sweep/launch"));
    QDir().mkpath(logs);
    const QString log = QDir(logs).filePath(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")) +
                                            (resume ? QStringLiteral("-resume.log") : QStringLiteral("-run.log")));
    QProcess process;
    process.setProgram(program);
    process.setArguments(arguments);
    process.setStandardOutputFile(log);
    process.setStandardErrorFile(log, QIODevice::Append);
    qint64 pid = 0;
    if (!process.startDetached(&pid))
        throw Error(program.toStdString() + " could not be started (" + process.errorString().toStdString() +
                    "): the sweep " + specPath.toStdString() + " is written and can be run with `redit sweep run`");
    SweepExecution record = execution;
    record.launcherPid = pid;
    writeJsonFile(launchRecordPath(specPath).toStdString(), record.toJson());
    return log;
}

}  // namespace redit::gui
