// The environment main() sets before the native libraries start (util/runtime_env.h): OpenBLAS's kernels are
// never its SSE3 fallback on a CPU with AVX2 or AVX-512, and a core type the user chose is kept.
#include <QProcess>
#include <QtTest>
#include <malloc.h>

#include "util/runtime_env.h"

namespace {

// The "BLAS ..." line of `redit --version`, run with `environment` changes (an empty value unsets).
QString blasLine(const QMap<QString, QString>& environment) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (auto it = environment.begin(); it != environment.end(); ++it) {
        if (it.value().isEmpty()) env.remove(it.key());
        else env.insert(it.key(), it.value());
    }
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(REDIT_CLI, {"--version"});
    process.waitForFinished(-1);
    for (const QString& line : QString::fromUtf8(process.readAllStandardOutput()).split('\n'))
        if (line.startsWith("BLAS ")) return line;
    return {};
}

}  // namespace

class TestRuntimeEnv : public QObject {
    Q_OBJECT

private slots:
    void openBlasUsesTheCpusVectorKernels() {
        const QString line = blasLine({{"OPENBLAS_CORETYPE", ""}});
        qInfo("%s", qPrintable(line));
        if (!line.contains("OpenBLAS")) QSKIP("the BLAS in use is not OpenBLAS: its kernels are not chosen here");
        if (!__builtin_cpu_supports("avx2")) QSKIP("this CPU has no AVX2: Prescott's kernels are OpenBLAS's right choice");
        QVERIFY2(line.contains(" kernels"), qPrintable(line));
        QVERIFY2(!line.contains("Prescott"), qPrintable(line));
    }

    void theUsersCoreTypeIsKept() {
        const QString line = blasLine({{"OPENBLAS_CORETYPE", "Prescott"}});
        if (!line.contains("OpenBLAS")) QSKIP("the BLAS in use is not OpenBLAS");
        QVERIFY2(line.contains("Prescott kernels"), qPrintable(line));
    }

    // After configureAllocator, a block of a few MiB comes from the heap (no pages mapped for it) and one
    // above 32 MiB is still mapped on its own.
    void midSizedBlocksStayInTheHeap() {
        redit::configureAllocator();
        const size_t mappedBefore = mallinfo2().hblkhd;
        void* volatile eight = std::malloc(8u << 20);  // volatile: the compiler may not drop the pair
        QCOMPARE(mallinfo2().hblkhd, mappedBefore);
        void* volatile large = std::malloc(64u << 20);
        QVERIFY(mallinfo2().hblkhd >= mappedBefore + (64u << 20));
        std::free(large);
        std::free(eight);
    }
};

QTEST_APPLESS_MAIN(TestRuntimeEnv)
#include "test_runtime_env.moc"
