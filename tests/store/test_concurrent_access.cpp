#include <QtTest>

#include <atomic>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <thread>

#include <SQLiteCpp/Database.h>

#include "store/metrics.h"
#include "store/project_store.h"
#include "store/runs.h"
#include "temp_dir.h"

using namespace redit;

// One writer (a running job) and several readers (the GUI) on the same project at the same time.
class TestConcurrentAccess : public QObject {
    Q_OBJECT

    // Whether another process sees a lock on the SQLite SHARED byte range of `path` (F_GETLK reports only
    // other processes' locks, hence the fork).
    static bool sharedLockSeenByAnotherProcess(const std::string& path) {
        const pid_t child = fork();
        if (child == 0) {
            const int fd = ::open(path.c_str(), O_RDONLY);
            struct flock lock {};
            lock.l_type = F_WRLCK;
            lock.l_whence = SEEK_SET;
            lock.l_start = 0x40000002;  // SQLite's SHARED_FIRST
            lock.l_len = 510;
            const bool held = fd >= 0 && fcntl(fd, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
            _exit(held ? 0 : 1);
        }
        int status = 0;
        return waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }

private slots:
    // Opening a project that this process already has open must not drop the process's locks on it: then
    // another process closing its connection would take itself for the last one and delete the log (and the
    // commits in it) from under this process's connections (sqlite.org/howtocorrupt.html, section 2.2).
    void reopeningKeepsTheLocksOtherProcessesSee() {
        QTemporaryDir dir;
        const std::string p = testing::pathIn(dir, "shared.redit");
        ProjectStore writer = ProjectStore::create(p);
        const std::int64_t run = createRun(writer, {"eval", "", {}, 0, "cpu", {}, {}, {}});
        QVERIFY(sharedLockSeenByAnotherProcess(p));  // a connection in WAL mode holds it while open
        for (bool emptyLog : {false, true}) {
            if (emptyLog) writer.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");  // as after a checkpoint
            for (ProjectStore::Mode mode : {ProjectStore::Mode::ReadWrite, ProjectStore::Mode::ReadOnly})
                ProjectStore::open(p, mode);  // opened and closed again, as the GUI's readers do all the time
            QVERIFY2(sharedLockSeenByAnotherProcess(p), emptyLog ? "with an empty log" : "with a log");
        }
        setRunProgress(writer, run, 0.5, "still visible");
        const ProjectStore reader = ProjectStore::open(p, ProjectStore::Mode::ReadOnly);
        QCOMPARE(loadRun(reader, run).progress, 0.5);
    }

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

    // Connections that open, write and close while others open the project: the last connection to close
    // removes the write-ahead log, so an opener may find none and then see a writer start. Opening must not
    // read the file unlocked then (it did: an "immutable" read during a write made the worker of a job queue
    // refuse a sound project as damaged).
    void openingNeverFailsWhileOtherConnectionsComeAndGo() {
        QTemporaryDir dir;
        std::string p = testing::pathIn(dir, "churn.redit");
        std::int64_t run;
        {
            ProjectStore store = ProjectStore::create(p);
            run = createRun(store, {"eval", "", {}, 0, "cpu", {}, {}, {}});
        }
        constexpr int kOpens = 300;
        std::atomic<int> errors{0};
        auto churn = [&](bool write) {
            for (int i = 0; i < kOpens; ++i) {
                try {
                    ProjectStore store = ProjectStore::open(p, write ? ProjectStore::Mode::ReadWrite : ProjectStore::Mode::ReadOnly);
                    if (write) appendMetrics(store, run, i, {{"loss", 1.0 / (i + 1)}});
                    else loadRun(store, run);
                } catch (const std::exception& e) {
                    if (errors++ < 3) qWarning("%s", e.what());
                }
            }
        };
        std::thread a(churn, true), b(churn, true), c(churn, false);
        a.join();
        b.join();
        c.join();
        QCOMPARE(errors.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TestConcurrentAccess)
#include "test_concurrent_access.moc"
