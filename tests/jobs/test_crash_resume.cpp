#include <QtTest>

#include <chrono>
#include <csignal>
#include <cstring>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "jobs/job_context.h"
#include "jobs/job_runner.h"
#include "jobs/run_request.h"
#include "jobs/stage_registry.h"
#include "store/checkpoints.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "temp_dir.h"

using namespace redit;

namespace {

// Set only in the forked child: slows the job down and parks it after a few steps, so that the parent's
// SIGKILL always lands before the run could finish.
int gStepDelayMs = 0;
int gParkAfterStep = -1;

struct State {
    std::int64_t step = 0;  // next step to compute
    double x = 0;
};

// A deterministic multi-step job: each step updates x, writes one result row and checkpoints the state,
// all in one transaction.
class IterateJob : public Job {
public:
    void run(JobContext& ctx) override {
        State s{0, double(ctx.seed())};
        if (auto saved = ctx.loadCheckpoint("state")) std::memcpy(&s, saved->data(), sizeof s);
        const std::int64_t steps = ctx.params()["steps"].get<std::int64_t>();
        for (; s.step < steps;) {
            ctx.checkCancelled();
            if (gStepDelayMs) std::this_thread::sleep_for(std::chrono::milliseconds(gStepDelayMs));
            while (gParkAfterStep >= 0 && s.step > gParkAfterStep) std::this_thread::sleep_for(std::chrono::seconds(1));
            std::int64_t step = s.step;
            s.x = s.x * 1.5 + std::sqrt(double(step) + 1);
            ++s.step;
            std::vector<unsigned char> bytes(sizeof s);
            std::memcpy(bytes.data(), &s, sizeof s);
            nlohmann::json row = {{"step", step}, {"x", s.x}};
            ctx.commitStep("state", bytes, [&] { putResultRow(ctx.store(), ctx.runId(), "trace", step, row); });
            ctx.report({double(s.step) / steps, "step " + std::to_string(step), {{"x", s.x}}}, step);
        }
    }
};

StageRegistry registry() {
    StageRegistry r;
    r.add({"iterate", "test-only stage",
           ConfigSchema({{"steps", FieldSpec::Type::Integer, "", 40, 1.0, {}, {}}}),
           [] { return std::make_unique<IterateJob>(); }});
    return r;
}

std::vector<nlohmann::json> trace(const ProjectStore& store, std::int64_t run) {
    std::vector<nlohmann::json> rows;
    for (const ResultRow& r : resultRows(store, run, "trace")) rows.push_back(r.data);
    return rows;
}

}  // namespace

class TestCrashResume : public QObject {
    Q_OBJECT

private slots:
    void killedRunIsInterruptedKeepsItsResultsAndResumesToTheSameResult() {
        QTemporaryDir dir;
        std::string p = testing::pathIn(dir, "crash.redit");
        const StageRegistry stages = registry();
        std::int64_t killed, reference;
        {
            ProjectStore store = ProjectStore::create(p);
            killed = submitRun(store, stages, {{"kind", "iterate"}, {"seed", 3}});
            reference = submitRun(store, stages, {{"kind", "iterate"}, {"seed", 3}});
        }

        pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            gStepDelayMs = 10;
            gParkAfterStep = 25;
            try {
                ProjectStore store = ProjectStore::open(p);
                CancelToken token;
                executeRun(store, stages, killed, token);
            } catch (...) {
            }
            _exit(0);
        }

        // Kill it once a few steps are committed, at whatever point of its loop it is.
        {
            ProjectStore watcher = ProjectStore::open(p, ProjectStore::Mode::ReadOnly);
            auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
            while (trace(watcher, killed).size() < 5 && std::chrono::steady_clock::now() < deadline)
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        ::kill(child, SIGKILL);
        int status = 0;
        waitpid(child, &status, 0);
        QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

        ProjectStore store = ProjectStore::open(p);
        QCOMPARE(loadRun(store, killed).status, RunStatus::Interrupted);
        std::vector<nlohmann::json> committed = trace(store, killed);
        QVERIFY(committed.size() >= 5 && committed.size() <= 27);
        // The checkpoint and the results were committed together.
        auto checkpoint = loadCheckpoint(store, killed, "state");
        QVERIFY(checkpoint.has_value());
        State saved;
        std::memcpy(&saved, checkpoint->data(), sizeof saved);
        QCOMPARE(saved.step, std::int64_t(committed.size()));
        QCOMPARE(saved.x, committed.back()["x"].get<double>());
        // The killed attempt's time up to its last report is kept (5 or more steps of at least 10 ms each).
        const double killedSeconds = loadRun(store, killed).elapsedSeconds;
        QVERIFY2(killedSeconds >= 0.045, qPrintable(QString::number(killedSeconds)));

        CancelToken token;
        QCOMPARE(executeRun(store, stages, killed, token), RunStatus::Finished);
        QVERIFY(loadRun(store, killed).elapsedSeconds > killedSeconds);
        QCOMPARE(executeRun(store, stages, reference, token), RunStatus::Finished);
        std::vector<nlohmann::json> resumed = trace(store, killed);
        QCOMPARE(resumed.size(), std::size_t(40));
        QVERIFY(std::equal(committed.begin(), committed.end(), resumed.begin()));  // nothing committed was lost
        QVERIFY(resumed == trace(store, reference));                                  // bit-equal doubles in JSON
        QCOMPARE(loadRun(store, killed).status, RunStatus::Finished);
        QVERIFY_THROWS_EXCEPTION(ConfigError, executeRun(store, stages, killed, token));
    }
};

QTEST_GUILESS_MAIN(TestCrashResume)
#include "test_crash_resume.moc"
