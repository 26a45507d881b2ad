#include <QtTest>

#include <atomic>
#include <thread>

#include "store/metrics.h"
#include "store/project_store.h"
#include "store/runs.h"
#include "temp_dir.h"

using namespace redit;

// One writer (a running job) and several readers (the GUI) on the same project at the same time.
class TestConcurrentAccess : public QObject {
    Q_OBJECT

private slots:
    void readersNeverSeeDatabaseLockedWhileAWriterCommits() {
        QTemporaryDir dir;
        std::string p = testing::pathIn(dir, "busy.redit");
        std::int64_t run;
        {
            ProjectStore store = ProjectStore::create(p);
            run = createRun(store, {"eval", "", {}, 0, "cpu", {}, {}, {}});
        }
        constexpr int kCommits = 400;
        std::atomic<bool> writerDone{false};
        std::atomic<int> readerErrors{0}, reads{0};
        std::string writerError;

        std::thread writer([&] {
            try {
                ProjectStore store = ProjectStore::open(p);
                for (int step = 0; step < kCommits; ++step) {
                    appendMetrics(store, run, step, {{"loss", 1.0 / (step + 1)}, {"step", double(step)}});
                    setRunProgress(store, run, double(step) / kCommits, "step");
                }
            } catch (const std::exception& e) {
                writerError = e.what();
            }
            writerDone = true;
        });
        std::vector<std::thread> readers;
        for (int r = 0; r < 3; ++r)
            readers.emplace_back([&, r] {
                try {
                    // Two readers keep one connection, one reopens the project for every read.
                    std::optional<ProjectStore> kept;
                    if (r < 2) kept.emplace(ProjectStore::open(p, ProjectStore::Mode::ReadOnly));
                    std::size_t seen = 0;
                    while (!writerDone) {
                        std::optional<ProjectStore> fresh;
                        if (!kept) fresh.emplace(ProjectStore::open(p, ProjectStore::Mode::ReadOnly));
                        ProjectStore& store = kept ? *kept : *fresh;
                        std::size_t now = metricSeries(store, run, "loss").size();
                        loadRun(store, run);
                        if (now < seen) ++readerErrors;  // a committed point disappeared
                        seen = now;
                        ++reads;
                    }
                } catch (const std::exception& e) {
                    qWarning("reader: %s", e.what());
                    ++readerErrors;
                }
            });
        writer.join();
        for (auto& t : readers) t.join();

        QVERIFY2(writerError.empty(), writerError.c_str());
        QCOMPARE(readerErrors.load(), 0);
        QVERIFY(reads.load() > 0);
        ProjectStore store = ProjectStore::open(p, ProjectStore::Mode::ReadOnly);
        QCOMPARE(metricSeries(store, run, "loss").size(), std::size_t(kCommits));
    }
};

QTEST_GUILESS_MAIN(TestConcurrentAccess)
#include "test_concurrent_access.moc"
