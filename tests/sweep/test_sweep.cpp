// Sweeps (backend/sweep): a spec expands into checked cells, each cell runs into its own project and
// resumes from its checkpoint, collect merges the finished cells once, and the Slurm script asks for what
// the cells need. The stage here is a small test stage with checkpoints; tests/sweep/test_slurm_sweep.sh
// runs the real CLI with the eval stage on a real Slurm.
#include <QtTest>

#include <SQLiteCpp/Database.h>

#include <cstring>
#include <filesystem>

#include "jobs/job_context.h"
#include "jobs/stage_registry.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "sweep/slurm_script.h"
#include "sweep/slurm_site.h"
#include "sweep/sweep_cells.h"
#include "sweep/sweep_collect.h"
#include "sweep/sweep_estimate.h"
#include "sweep/sweep_spec.h"
#include "sweep/sweep_status.h"
#include "temp_dir.h"
#include "util/error.h"
#include "util/json_file.h"

using namespace redit;

namespace {

// Counts `steps` steps from the seed times `scale`, one result row and one checkpoint per step; it
// cancels itself after `stop_after` steps of its first attempt (0: never), as a killed task would stop.
class CountJob : public Job {
public:
    void run(JobContext& ctx) override {
        std::int64_t next = 0;
        if (auto saved = ctx.loadCheckpoint("next")) std::memcpy(&next, saved->data(), sizeof next);
        const bool resumed = next > 0;
        const std::int64_t steps = ctx.params()["steps"].get<std::int64_t>();
        const std::int64_t stopAfter = ctx.params()["stop_after"].get<std::int64_t>();
        for (; next < steps; ) {
            if (!resumed && stopAfter > 0 && next == stopAfter) throw JobCancelled();
            const double value = double(ctx.seed()) * ctx.params()["scale"].get<double>() + double(next);
            const std::int64_t step = next++;
            std::vector<unsigned char> bytes(sizeof next);
            std::memcpy(bytes.data(), &next, sizeof next);
            ctx.commitStep("next", bytes, [&] { putResultRow(ctx.store(), ctx.runId(), "count", step, {{"value", value}}); });
        }
    }
};

StageRegistry registry() {
    StageRegistry r;
    using T = FieldSpec::Type;
    r.add({"count", "test-only stage",
           ConfigSchema({{"steps", T::Integer, "steps", 3, 1.0, 100.0, {}},
                         {"scale", T::Number, "scale", 1.0, {}, {}, {}},
                         {"stop_after", T::Integer, "cancel after this many steps", 0, 0.0, 100.0, {}}}),
           [] { return std::make_unique<CountJob>(); }});
    return r;
}

}  // namespace

class TestSweep : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    StageRegistry registry_ = registry();
    std::string path(const std::string& name) const { return testing::pathIn(dir_, name); }

    std::string writeSpec(const std::string& name, const nlohmann::json& spec) const {
        writeJsonFile(path(name), spec);
        return path(name);
    }

    static std::vector<double> values(const ProjectStore& store) {
        std::vector<double> out;
        for (const RunRecord& run : listRuns(store))
            for (const ResultRow& row : resultRows(store, run.id, "count")) out.push_back(row.data["value"].get<double>());
        return out;
    }

private slots:
    void expandsAxesIntoCheckedCells() {
        const SweepSpec spec = readSweepSpec(
            writeSpec("grid.json", {{"run", {{"kind", "count"}, {"params", {{"steps", 2}}}}},
                                    {"axes", {{"seed", {1, 2, 3}}, {"params.scale", {0.5, 2.0}}}}}),
            registry_);
        QCOMPARE(spec.cellCount(), 6);
        QCOMPARE(spec.name, std::string("grid"));
        QCOMPARE(spec.folder, path("grid.sweep"));
        // Axes in key order (params.scale, seed), the last fastest.
        const SweepCell cell = sweepCell(spec, 4, registry_);
        QCOMPARE(cell.request["params"]["scale"].get<double>(), 2.0);
        QCOMPARE(cell.request["seed"].get<int>(), 2);
        QCOMPARE(cellLabel(cell), std::string("params.scale=2.0 seed=2"));
        QCOMPARE(cell.request["params"]["steps"].get<int>(), 2);
        QVERIFY_THROWS_EXCEPTION(FileError, sweepCell(spec, 6, registry_));
        // The same run and axes give the same id, wherever the spec lies.
        QCOMPARE(readSweepSpec(writeSpec("copy.json", {{"run", {{"kind", "count"}, {"params", {{"steps", 2}}}}},
                                                       {"axes", {{"seed", {1, 2, 3}}, {"params.scale", {0.5, 2.0}}}},
                                                       {"folder", "elsewhere"}}),
                               registry_).id,
                 spec.id);
    }

    void refusesBadSpecsNamingTheFileAndTheCell() {
        auto message = [&](const nlohmann::json& spec) {
            try {
                readSweepSpec(writeSpec("bad.json", spec), registry_);
            } catch (const FileError& e) {
                return QString(e.what());
            }
            return QString("no error");
        };
        const nlohmann::json run = {{"kind", "count"}};
        QVERIFY(message({{"run", run}, {"axes", {{"params.steps", {2, 0}}}}})
                    .contains(QRegularExpression("bad.json: cell 1 \\(params.steps=0\\).*steps")));
        QVERIFY(message({{"run", run}, {"axes", {{"params.nope", {1}}}}}).contains("nope"));
        QVERIFY(message({{"run", run}, {"axes", nlohmann::json::object()}}).contains("axes"));
        QVERIFY(message({{"run", run}, {"axes", {{"seed", {1}}}}, {"extra", 1}}).contains("extra"));
        QVERIFY(message({{"run", {{"kind", "nope"}}}, {"axes", {{"seed", {1}}}}}).contains("nope"));
        QVERIFY(message({{"run", run}, {"axes", {{"kind", {"count"}}}}}).contains("'kind' cannot be swept"));
    }

    void aCellRunsIntoItsOwnProjectAndResumesFromItsCheckpoint() {
        const SweepSpec spec = readSweepSpec(
            writeSpec("resume.json", {{"run", {{"kind", "count"}, {"params", {{"steps", 5}, {"stop_after", 2}}}}},
                                      {"axes", {{"seed", {10}}}}}),
            registry_);
        const SweepCell cell = sweepCell(spec, 0, registry_);
        CancelToken token;
        QCOMPARE(runSweepCell(spec, cell, registry_, false, token), RunStatus::Cancelled);
        QVERIFY(std::filesystem::exists(cellProjectPath(spec, 0)));
        CellState state = readCellState(spec, 0);
        QVERIFY(state.started);
        QCOMPARE(state.status, RunStatus::Cancelled);
        QCOMPARE(state.origin["sweep_id"].get<std::string>(), spec.id);
        QCOMPARE(state.origin["values"]["seed"].get<int>(), 10);
        // Started before: only --resume continues it, from step 2.
        QVERIFY_THROWS_EXCEPTION(Error, runSweepCell(spec, cell, registry_, false, token));
        QCOMPARE(runSweepCell(spec, cell, registry_, true, token), RunStatus::Finished);
        ProjectStore store = ProjectStore::open(cellProjectPath(spec, 0), ProjectStore::Mode::ReadOnly);
        QCOMPARE(values(store), (std::vector<double>{10, 11, 12, 13, 14}));
        const std::vector<LogLine> log = runLog(store, listRuns(store).front().id);
        QVERIFY(std::any_of(log.begin(), log.end(), [](const LogLine& l) { return l.message == "resumed"; }));
        // A finished cell is left as it is.
        QCOMPARE(runSweepCell(spec, cell, registry_, true, token), RunStatus::Finished);
    }

    void aChangedSpecDoesNotReuseAnotherSweepsCells() {
        const std::string file = writeSpec("changed.json", {{"run", {{"kind", "count"}}}, {"axes", {{"seed", {1}}}}});
        const SweepSpec spec = readSweepSpec(file, registry_);
        CancelToken token;
        runSweepCell(spec, sweepCell(spec, 0, registry_), registry_, false, token);
        writeSpec("changed.json", {{"run", {{"kind", "count"}, {"params", {{"steps", 4}}}}}, {"axes", {{"seed", {1}}}}});
        const SweepSpec changed = readSweepSpec(file, registry_);
        try {
            runSweepCell(changed, sweepCell(changed, 0, registry_), registry_, false, token);
            QFAIL("expected a FileError");
        } catch (const FileError& e) {
            QVERIFY(QString(e.what()).contains("belongs to sweep " + QString::fromStdString(spec.id)));
        }
    }

    void collectMergesFinishedCellsOnceWithTheirProvenance() {
        const SweepSpec spec = readSweepSpec(
            writeSpec("collect.json", {{"run", {{"kind", "count"}, {"params", {{"steps", 2}}}}},
                                       {"axes", {{"seed", {1, 2, 3}}}}}),
            registry_);
        CancelToken token;
        for (int cell : {0, 2}) runSweepCell(spec, sweepCell(spec, cell, registry_), registry_, false, token);
        ProjectStore target = ProjectStore::create(path("collected.redit"));
        MergeReport report = collectSweep(spec, target);
        QCOMPARE(report.runs.size(), std::size_t(2));
        QCOMPARE(report.notMerged, std::vector<std::string>{"cell 1 is not started"});
        QCOMPARE(values(target), (std::vector<double>{1, 2, 3, 4}));
        runSweepCell(spec, sweepCell(spec, 1, registry_), registry_, false, token);
        report = collectSweep(spec, target);  // the two merged before are skipped, the third arrives
        QCOMPARE(int(std::count_if(report.runs.begin(), report.runs.end(), [](const MergedRun& r) { return r.alreadyMerged; })), 2);
        QCOMPARE(listRuns(target).size(), std::size_t(3));
        QCOMPARE(target.db().execAndGet("SELECT count(*) FROM results").getInt(), 6);
        const nlohmann::json origin = nlohmann::json::parse(
            target.db().execAndGet("SELECT provenance FROM run_origins ORDER BY run_id DESC LIMIT 1").getString());
        QCOMPARE(origin["cell"].get<int>(), 1);
        QCOMPARE(origin["sweep_id"].get<std::string>(), spec.id);
        QCOMPARE(origin["values"]["seed"].get<int>(), 2);
        QVERIFY(origin.contains("host"));
    }

    void estimatesEvalMemoryFromTheModelAndSaysWhatIsUnknown() {
        SweepCell eval;
        eval.request = {{"kind", "eval"},
                        {"params", {{"model", std::string(REDIT_SOURCE_DIR) + "/resources/models/logic-tiny"}, {"batch_size", 64}}}};
        const CellEstimate e = estimateCell(eval, {});
        QVERIFY(e.memoryBytes.has_value());
        QVERIFY(*e.memoryBytes > kRuntimeBytes);
        QVERIFY(*e.memoryBytes < kRuntimeBytes + (std::int64_t(1) << 30));  // logic-tiny is small
        QVERIFY(!e.seconds.has_value());
        QVERIFY(QString::fromStdString(e.timeBasis).contains("unknown"));
        eval.request["params"]["batch_size"] = 512;
        QVERIFY(*estimateCell(eval, {}).memoryBytes > *e.memoryBytes);
        QCOMPARE(*estimateCell(eval, {3.0, 7.5}).seconds, 7.5);

        SweepCell law;
        law.request = {{"kind", "law"}, {"params", nlohmann::json::object()}};
        QVERIFY(!estimateCell(law, {}).memoryBytes.has_value());
        QVERIFY(QString::fromStdString(estimateCell(law, {}).memoryBasis).contains("unknown"));
    }

    void theSbatchScriptAsksForWhatTheCellsNeed() {
        const SweepSpec spec = readSweepSpec(
            writeSpec("gpu.json", {{"name", "paper grid"}, {"run", {{"kind", "count"}, {"device", "cuda"}}},
                                   {"axes", {{"seed", {0, 1, 2, 3, 4}}}}, {"slurm", {{"max_parallel", 2}}}}),
            registry_);
        writeJsonFile(path("site.json"), {{"partition", "gpu"}, {"account", "lab"}, {"qos", "normal"},
                                          {"cpus_per_task", 4}, {"gpus_per_task", 2},
                                          {"preamble", {"module load cuda/12.1"}}, {"time", "02:00:00"}});
        const SlurmSite site = readSlurmSite(path("site.json"), spec.slurm, spec.file);
        QCOMPARE(site.maxParallel, 2);  // the spec's setting over the site's
        std::vector<SweepCell> cells = sweepCells(spec, registry_);
        std::vector<CellEstimate> estimates(cells.size());
        estimates[1].memoryBytes = std::int64_t(1000) << 20;
        estimates[3].memoryBytes = std::int64_t(2000) << 20;
        const QString script = QString::fromStdString(sbatchScript(spec, cells, estimates, site, "/opt/redit/bin/redit"));
        for (const char* line : {"#SBATCH --array=0-4%2\n", "#SBATCH --cpus-per-task=4\n", "#SBATCH --mem=3000M",
                                 "#SBATCH --time=02:00:00", "#SBATCH --gres=gpu:2\n", "#SBATCH --partition=gpu\n",
                                 "#SBATCH --account=lab\n", "#SBATCH --qos=normal\n", "#SBATCH --job-name=redit-paper-grid\n",
                                 "\nmodule load cuda/12.1\n",
                                 "exec '/opt/redit/bin/redit' sweep run-cell '"})
            QVERIFY2(script.contains(line), line);
        QVERIFY(script.contains("--cell \"$SLURM_ARRAY_TASK_ID\""));
        QVERIFY(script.contains("--resume"));
        QCOMPARE(arrayList({5, 1, 2, 3, 9, 2}), std::string("1-3,5,9"));

        // A CPU sweep asks for no GPU; an estimate from finished cells sets the time.
        const SweepSpec cpu = readSweepSpec(writeSpec("cpu.json", {{"run", {{"kind", "count"}}}, {"axes", {{"seed", {0}}}}}), registry_);
        std::vector<CellEstimate> timed(1);
        timed[0].seconds = 100;
        const std::string cpuScript = sbatchScript(cpu, sweepCells(cpu, registry_), timed, SlurmSite{}, "redit");
        QVERIFY(cpuScript.find("--gres") == std::string::npos);
        QVERIFY(cpuScript.find("#SBATCH --time=00:04:00") != std::string::npos);  // 100 s x 2, rounded up to minutes
        QVERIFY(cpuScript.find("#SBATCH --mem=4096M") != std::string::npos);     // no estimate: the default
    }

    void aCellsStateComesFromSlurmWhileQueuedAndFromItsProjectAfter() {
        CellState notStarted, running, finished, cancelled;
        running.started = finished.started = cancelled.started = true;
        running.status = RunStatus::Running;
        finished.status = RunStatus::Finished;
        cancelled.status = RunStatus::Cancelled;
        QCOMPARE(cellSummary(notStarted, ""), std::string("pending"));
        QCOMPARE(cellSummary(notStarted, "PENDING"), std::string("pending"));
        QCOMPARE(cellSummary(notStarted, "RUNNING"), std::string("running"));
        QCOMPARE(cellSummary(notStarted, "FAILED"), std::string("failed"));     // died before its project was made
        QCOMPARE(cellSummary(running, ""), std::string("running"));            // a local process
        QCOMPARE(cellSummary(running, "CANCELLED"), std::string("failed"));    // killed before it could record it
        QCOMPARE(cellSummary(finished, "COMPLETED"), std::string("done"));
        QCOMPARE(cellSummary(finished, ""), std::string("done"));              // Slurm has forgotten the task
        QCOMPARE(cellSummary(cancelled, "CANCELLED"), std::string("failed"));
        QCOMPARE(cellSummary(cancelled, "PENDING"), std::string("pending"));   // resubmitted
    }

    void refusesABadSiteConfig() {
        writeJsonFile(path("bad-site.json"), {{"partiton", "gpu"}});
        try {
            readSlurmSite(path("bad-site.json"));
            QFAIL("expected a FileError");
        } catch (const FileError& e) {
            QVERIFY(QString(e.what()).contains("bad-site.json"));
            QVERIFY(QString(e.what()).contains("partiton"));
        }
    }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "test_sweep.moc"
