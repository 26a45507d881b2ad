#pragma once
// Runs the `redit` executable (REDIT_CLI, set by the test's CMake target) and collects its exit code and
// output; a failing call is echoed as a warning so the test log shows why.
#include <QDebug>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace redit::testing {

struct CliResult {
    int code = -1;
    QString out, err;
};

inline CliResult runRedit(const QStringList& arguments) {
    QProcess process;
    process.start(REDIT_CLI, arguments);
    process.waitForFinished(-1);
    CliResult r{process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    if (r.code != 0) qWarning().noquote() << arguments.join(' ') << "\n" << r.out << r.err;
    return r;
}

}  // namespace redit::testing
