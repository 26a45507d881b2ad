#pragma once
// Runs the `redit` executable (REDIT_CLI, set by the test's CMake target) and collects its exit code and
// output; a failing call is echoed as a warning so the test log shows why.
#include <QDebug>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <dlfcn.h>

namespace redit::testing {

// The CLI's main() picks OpenBLAS's kernels (util/runtime_env.h); a test process runs with whatever OpenBLAS
// chose at load. Tests that compare the CLI's numbers with their own give the CLI the test's kernels.
inline QProcessEnvironment sameKernelsEnvironment() {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    using CoreName = char* (*)();
    const auto core = reinterpret_cast<CoreName>(::dlsym(RTLD_DEFAULT, "openblas_get_corename"));
    if (core && core() && !env.contains("OPENBLAS_CORETYPE")) env.insert("OPENBLAS_CORETYPE", QString::fromLatin1(core()));
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
