#include <QtTest>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "jobs/job_context.h"
#include "jobs/job_queue.h"
#include "jobs/run_request.h"
#include "jobs/stage_registry.h"
#include "store/metrics.h"
#include "store/project_store.h"
#include "store/runs.h"
#include "temp_dir.h"

using namespace redit;

namespace {

std::atomic<int> gConcurrent{0}, gMaxConcurrent{0};

// Counts to `steps`, reporting a metric each step; records how many jobs ran at once.
class CountJob : public Job {
public:
    void run(JobContext& ctx) override {
        int now = ++gConcurrent;
        gMaxConcurrent = std::max(gMaxConcurrent.load(), now);
        int steps = ctx.params()["steps"].get<int>();
        for (int i = 0; i < steps; ++i) {
            ctx.checkCancelled();
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
            ctx.report({double(i + 1) / steps, "counting", {{"i", double(i)}}}, i);
        }
        --gConcurrent;
    }
};

// Runs until cancelled.
class SpinJob : public Job {
public:
    void run(JobContext& ctx) override {
        while (true) {
            ctx.checkCancelled();
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
};

class FailJob : public Job {
public:
    void run(JobContext&) override { throw std::runtime_error("out of memory on purpose"); }
};

StageRegistry testRegistry() {
    using T = FieldSpec::Type;
    StageRegistry r;
    r.add({"count", "", ConfigSchema({{"steps", T::Integer, "", 5, 1.0, {}, {}}}), [] { return std::make_unique<CountJob>(); }});
    r.add({"spin", "", {}, [] { return std::make_unique<SpinJob>(); }});
    r.add({"fail", "", {}, [] { return std::make_unique<FailJob>(); }});
    return r;
}

struct Event {
    std::int64_t run;
    RunStatus status;
    std::string error;
};

}  // namespace

class TestJobQueue : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    StageRegistry registry_ = testRegistry();
    std::mutex mutex_;
    std::vector<Event> events_;

    JobQueue::Callbacks recorder() {
        return {[this](std::int64_t run, RunStatus s, const std::string& e) {
                    std::lock_guard<std::mutex> lock(mutex_);
                    events_.push_back({run, s, e});
                },
                {}};
    }
    bool sawStatus(std::int64_t run, RunStatus status) {
        std::lock_guard<std::mutex> lock(mutex_);
        return std::any_of(events_.begin(), events_.end(), [&](const Event& e) { return e.run == run && e.status == status; });
    }

private slots:
    void init() { events_.clear(); }

    void runsOneJobAtATimeInOrder() {
        std::string p = testing::pathIn(dir_, "queue.redit");
        std::vector<std::int64_t> ids;
        {
            ProjectStore store = ProjectStore::create(p);
            for (int i = 0; i < 3; ++i) ids.push_back(submitRun(store, registry_, {{"kind", "count"}}));
            ids.push_back(submitRun(store, registry_, {{"kind", "fail"}}));
        }
        {
            JobQueue queue(p, registry_, recorder());
            for (auto id : ids) queue.enqueue(id);
            queue.waitUntilIdle();
        }
        QCOMPARE(gMaxConcurrent.load(), 1);
        std::vector<std::int64_t> started;
        for (const Event& e : events_)
            if (e.status == RunStatus::Running) started.push_back(e.run);
        QCOMPARE(started, ids);
        QVERIFY(sawStatus(ids[0], RunStatus::Pending) && sawStatus(ids[0], RunStatus::Finished));
        QCOMPARE(events_.back().status, RunStatus::Failed);
        QVERIFY(QString::fromStdString(events_.back().error).contains("out of memory on purpose"));

        ProjectStore store = ProjectStore::open(p, ProjectStore::Mode::ReadOnly);
        QCOMPARE(loadRun(store, ids[0]).status, RunStatus::Finished);
        QCOMPARE(loadRun(store, ids[0]).progress, 1.0);
        QCOMPARE(metricSeries(store, ids[0], "i").size(), std::size_t(5));
        QCOMPARE(loadRun(store, ids[3]).status, RunStatus::Failed);
    }

    void cancelIsHonouredFromTheQueueAndFromAnotherConnection() {
        std::string p = testing::pathIn(dir_, "cancel.redit");
        std::int64_t a, b, waiting;
        {
            ProjectStore store = ProjectStore::create(p);
            a = submitRun(store, registry_, {{"kind", "spin"}});
            b = submitRun(store, registry_, {{"kind", "spin"}});
            waiting = submitRun(store, registry_, {{"kind", "count"}});
        }
        JobQueue queue(p, registry_, recorder());
        queue.enqueue(a);
        queue.enqueue(b);
        queue.enqueue(waiting);
        queue.cancel(waiting);  // still waiting: cancelled without running
        QTRY_VERIFY_WITH_TIMEOUT(sawStatus(a, RunStatus::Running), 20000);
        queue.cancel(a);        // the token
        QTRY_VERIFY_WITH_TIMEOUT(sawStatus(b, RunStatus::Running), 20000);
        {
            ProjectStore other = ProjectStore::open(p);  // e.g. `redit runs cancel` in another process
            requestCancel(other, b);
        }
        queue.waitUntilIdle();
        ProjectStore store = ProjectStore::open(p, ProjectStore::Mode::ReadOnly);
        QCOMPARE(loadRun(store, a).status, RunStatus::Cancelled);
        QCOMPARE(loadRun(store, b).status, RunStatus::Cancelled);
        QCOMPARE(loadRun(store, waiting).status, RunStatus::Cancelled);
        QVERIFY(!sawStatus(waiting, RunStatus::Running));
        ProjectStore writer = ProjectStore::open(p);
        QVERIFY_THROWS_EXCEPTION(ConfigError, requestCancel(writer, a));  // a cancelled run has ended
    }
};

QTEST_GUILESS_MAIN(TestJobQueue)
#include "test_job_queue.moc"
