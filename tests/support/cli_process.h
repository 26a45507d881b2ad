#pragma once
// Runs the `redit` executable (REDIT_CLI, set by the test's CMake target) and collects its exit code and
// output; a failing call is echoed as a warning so the test log shows why.
#include <QDebug>
#include <QProcess>
#include <QString>
#include <QStringList>

#include "util/blas_info.h"

namespace redit::testing {

// The CLI's main() picks OpenBLAS's kernels (util/runtime_env.h); a test process runs with whatever OpenBLAS
// chose at load. Tests that compare the CLI's numbers with their own give the CLI the test's kernels.
inline QProcessEnvironment sameKernelsEnvironment() {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const std::string core = openBlasCoreName();
    if (!core.empty() && !env.contains("OPENBLAS_CORETYPE")) env.insert("OPENBLAS_CORETYPE", QString::fromStdString(core));
    return env;
}

struct CliResult {
    int code = -1;
    QString out, err;
};

inline CliResult runRedit(const QStringList& arguments) {
    QProcess process;
    process.setProcessEnvironment(sameKernelsEnvironment());
    process.start(REDIT_CLI, arguments);
    process.waitForFinished(-1);
    CliResult r{process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    if (r.code != 0) qWarning().noquote() << arguments.join(' ') << "\n" << r.out << r.err;
    return r;
}

}  // namespace redit::testing
