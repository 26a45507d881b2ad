// The kill test (docs/reliability.md): every long stage of the real `redit` CLI, on the built-in logic-tiny
// model with small parameters, is killed with SIGKILL at seeded random moments and resumed with
// `redit runs resume` until it finishes. After every kill the project must open cleanly, pass its integrity
// check and still hold every result committed before; the finished run's stored results (and any model
// folder it wrote) must be bit-identical to those of an uninterrupted run of the same config.
#include <QRegularExpression>
#include <QtTest>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <random>

#include "store/project_store.h"
#include "store/runs.h"
#include "temp_dir.h"
#include "tiny_recipe.h"
#include "util/json_file.h"

using namespace redit;

namespace {

constexpr int kKillsPerStage = 8;  // 48 kills when each lands; an attempt whose run ends first takes none
constexpr std::uint32_t kKillSeed = 20261205;
const std::string kModel = std::string(REDIT_SOURCE_DIR) + "/resources/models/logic-tiny";
const std::string kData = "synthetic:deductive:level1:n=4:per_domain=1";

struct StageCase {
    std::string name;
    nlohmann::json params;
    std::string outputFolder;  // model folder the run writes, relative to the project's folder ("" if none)
};

std::vector<StageCase> stageCases() {
    return {
        {"train-tiny", testing::tinyTrainParams("tiny-out", 80, 10), "tiny-out"},
        {"eval", {{"model", kModel}, {"data", "synthetic:deductive:level1:n=8:per_domain=1"}, {"threads", 1},
                  {"patterns_per_checkpoint", 2}}, ""},
        {"circuits", {{"model", kModel}, {"data", "synthetic:deductive:level1:n=8:per_domain=1"}, {"pairs", 8}}, ""},
        {"interference", {{"model", kModel}, {"data", kData}, {"lora_steps", 4}, {"lora_rank", 4}}, ""},
        {"reshape", {{"model", kModel}, {"data", kData}, {"output", "reshaped-out"}, {"meta_iterations", 6},
                     {"tasks_per_iteration", 1}, {"anchors_per_task", 2}, {"negatives_per_anchor", 1},
                     {"preserve_batch", 2}, {"trainable", {"layers.1.mlp"}}},
         "reshaped-out"},
        {"compare", {{"model", kModel}, {"data", kData}, {"seeds", {0, 1}}, {"methods", {"Raw", "LoRA", "ROME"}},
                     {"lora_steps", 2}, {"lora_rank", 2}, {"value_steps", 4},
                     {"key_data", "synthetic:deductive:level1:seed=1:n=4:per_domain=1"}}, ""},
    };
}

// Children run single-threaded: results are reproducible for a thread count, and the machine is shared.
// OMP_WAIT_POLICY set as main() would set it spares each start one reason to re-execute (backend/util/runtime_env.h).
QProcess* startCli(const QStringList& args, QObject* parent) {
    auto* p = new QProcess(parent);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("OMP_NUM_THREADS", "1");
    env.insert("OMP_WAIT_POLICY", "PASSIVE");
    p->setProcessEnvironment(env);
    p->setProcessChannelMode(QProcess::MergedChannels);
    p->start(REDIT_CLI, args);
    return p;
}

std::string fileBytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void replaceAll(std::string& s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

// One column as bytes: doubles by their bit pattern, text and blobs as they are.
std::string columnBytes(const SQLite::Column& c) {
    if (c.isFloat()) {
        const double v = c.getDouble();
        std::string bits(sizeof v, '\0');
        std::memcpy(bits.data(), &v, sizeof v);
        return bits;
    }
    return c.getString();
}

// Everything a run has committed to the project, as "table/key" -> bytes, with the project's folder
// written as <project> so that two projects can be compared.
using Snapshot = std::map<std::string, std::string>;

Snapshot committed(const ProjectStore& store, std::int64_t runId) {
    static const char* kQueries[] = {
        "SELECT 'results/' || table_name || '/' || row_index, data FROM results WHERE run_id = ?1",
        "SELECT 'circuits/' || name, edge_count, instance_id, scores FROM circuits WHERE run_id = ?1",
        "SELECT 'distances/' || metric || '/' || circuit_a || '/' || circuit_b, value FROM distances WHERE run_id = ?1",
        "SELECT 'interference/' || name, row_labels, column_labels, data FROM interference_matrices WHERE run_id = ?1",
        "SELECT 'artifacts/' || name, mime_type, data FROM artifacts WHERE run_id = ?1",
    };
    const std::string folder = std::filesystem::path(store.path()).parent_path().string();
    Snapshot rows;
    for (const char* query : kQueries) {
        SQLite::Statement s(store.db(), query);
        s.bind(1, runId);
        while (s.executeStep()) {
            std::string value;
            for (int i = 1; i < s.getColumnCount(); ++i) value += columnBytes(s.getColumn(i)) + '\x1f';
            replaceAll(value, folder, "<project>");
            rows[s.getColumn(0).getString()] = value;
        }
    }
    return rows;
}

// The run's metrics, "name/step" -> value bits.
Snapshot metricValues(const ProjectStore& store, std::int64_t runId) {
    SQLite::Statement s(store.db(), "SELECT name || '/' || step, value FROM metrics WHERE run_id = ?1");
    s.bind(1, runId);
    Snapshot values;
    while (s.executeStep()) values[s.getColumn(0).getString()] = columnBytes(s.getColumn(1));
    return values;
}

// Every file of a model folder, by name.
Snapshot folderFiles(const std::filesystem::path& folder) {
    Snapshot files;
    if (std::filesystem::is_directory(folder))
        for (const auto& entry : std::filesystem::directory_iterator(folder)) {
            std::string bytes = fileBytes(entry.path());
            files[entry.path().filename().string()] = bytes;
        }
    return files;
}

std::optional<RunRecord> runNamed(const ProjectStore& store, const std::string& name) {
    for (const RunRecord& r : listRuns(store))
        if (r.name == name) return r;
    return std::nullopt;
}

// Keys of `before` missing from `after` or changed there.
QStringList lostOrChanged(const Snapshot& before, const Snapshot& after) {
    QStringList problems;
    for (const auto& [key, value] : before) {
        auto it = after.find(key);
        if (it == after.end()) problems << QString::fromStdString(key) + " lost";
        else if (it->second != value) problems << QString::fromStdString(key) + " changed";
    }
    return problems;
}

}  // namespace

class TestStageKills : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::mt19937 rng_{kKillSeed};
    double startup_ = 0;  // seconds the CLI takes to start and stop doing nothing much
    int kills_ = 0;
    int lost_ = 0;

    std::string referenceProject() { return testing::pathIn(dir_, "reference/p.redit"); }
    std::string victimProject() { return testing::pathIn(dir_, "victim/p.redit"); }

    std::string writeConfig(const StageCase& c) {
        const std::string path = testing::pathIn(dir_, c.name + ".json");
        writeJsonFile(path, {{"kind", c.name}, {"name", c.name + " run"}, {"seed", 5}, {"params", c.params}});
        return path;
    }

    // Runs the CLI to its end; returns the wall time in seconds, or a negative number (its output shown) when
    // it did not exit with 0.
    double runToEnd(const QStringList& args) {
        const auto began = std::chrono::steady_clock::now();
        QProcess* p = startCli(args, this);
        const bool ended = p->waitForFinished(300000);
        const QString output = QString::fromUtf8(p->readAll());
        p->deleteLater();
        if (!ended || p->exitStatus() != QProcess::NormalExit || p->exitCode() != 0) {
            qWarning("redit %s failed:\n%s", qPrintable(args.join(' ')), qPrintable(output));
            return -1;
        }
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    }

    // Waits for this attempt's kill moment; returns how it was chosen, or nothing when the child ended first.
    // The moment follows the run's own progress, not the clock, so kills land inside the stage's work on a
    // fast idle machine and on a loaded one alike: one attempt in six kills during start-up (model loading),
    // the others just after the child reports a progress at or past a point drawn in the first 60% of what is
    // left (later points are often skipped: a short stage reports its last steps in one jump).
    std::optional<QString> waitForKillMoment(QProcess* p, double progress) {
        static const QRegularExpression percent(R"(\s(\d{1,3})%\s)");
        if (std::uniform_int_distribution<int>(0, 5)(rng_) == 0) {
            const int delayMs = int(1000 * std::uniform_real_distribution<double>(0.05, 0.95)(rng_) * startup_);
            if (p->waitForFinished(delayMs)) return std::nullopt;
            return QString("in start-up, after %1 ms").arg(delayMs);
        }
        const double target = progress + std::uniform_real_distribution<double>(0.0, 0.6)(rng_) * (1.0 - progress);
        const int afterMs = std::uniform_int_distribution<int>(0, 10)(rng_);
        while (!p->waitForFinished(5)) {
            while (p->canReadLine()) {
                const QRegularExpressionMatch m = percent.match(QString::fromUtf8(p->readLine()));
                if (!m.hasMatch() || m.captured(1).toDouble() / 100 < target) continue;
                if (p->waitForFinished(afterMs)) return std::nullopt;
                return QString("%1 ms after it reported %2% (drawn: %3%)").arg(afterMs).arg(m.captured(1)).arg(int(100 * target));
            }
        }
        return std::nullopt;
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        for (const char* sub : {"reference", "victim"}) {
            std::filesystem::create_directories(testing::pathIn(dir_, sub));
            startup_ = runToEnd({"project", "init", QString::fromStdString(testing::pathIn(dir_, std::string(sub) + "/p.redit"))});
            QVERIFY(startup_ >= 0);
        }
    }

    void everyStageSurvivesKillsAndResumesToTheUninterruptedResult_data() {
        QTest::addColumn<int>("index");
        const std::vector<StageCase> cases = stageCases();
        for (std::size_t i = 0; i < cases.size(); ++i) QTest::newRow(cases[i].name.c_str()) << int(i);
    }

    void everyStageSurvivesKillsAndResumesToTheUninterruptedResult() {
        QFETCH(int, index);
        const StageCase c = stageCases()[std::size_t(index)];
        const QString config = QString::fromStdString(writeConfig(c));
        const QString victim = QString::fromStdString(victimProject());
        const double seconds = runToEnd({"run", config, "--project", QString::fromStdString(referenceProject())});
        QVERIFY(seconds >= 0);

        // The results of the runs that finished before this stage's must survive its kills untouched.
        std::map<std::int64_t, Snapshot> finishedBefore;
        {
            ProjectStore store = ProjectStore::open(victimProject(), ProjectStore::Mode::ReadOnly);
            for (const RunRecord& r : listRuns(store)) finishedBefore[r.id] = committed(store, r.id);
        }

        Snapshot current;  // what the killed run had committed at its last kill
        int stageKills = 0;
        for (int attempt = 0;; ++attempt) {
            std::optional<RunRecord> run;
            {
                ProjectStore store = ProjectStore::open(victimProject(), ProjectStore::Mode::ReadOnly);
                run = runNamed(store, c.name + " run");
            }
            if (run && run->status == RunStatus::Finished) break;
            QVERIFY2(attempt < 3 * kKillsPerStage + 2, "the run does not finish");
            const QStringList args = run ? QStringList{"runs", "resume", QString::number(run->id), "--project", victim}
                                         : QStringList{"run", config, "--project", victim};
            if (stageKills >= kKillsPerStage) {
                QVERIFY(runToEnd(args) >= 0);
                continue;
            }
            QProcess* p = startCli(args, this);
            const std::optional<QString> moment = waitForKillMoment(p, run ? run->progress : 0.0);
            if (!moment) {  // the run ended before its kill moment
                const QString output = QString::fromUtf8(p->readAll());
                QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0, qPrintable(output));
                p->deleteLater();
                continue;
            }
            p->kill();  // SIGKILL
            QVERIFY(p->waitForFinished(30000));
            QCOMPARE(p->exitStatus(), QProcess::CrashExit);
            p->deleteLater();
            ++stageKills;
            ++kills_;

            ProjectStore store = ProjectStore::open(victimProject());  // marks the killed run interrupted
            QCOMPARE(store.integrityProblems(), std::vector<std::string>());
            for (const auto& [id, before] : finishedBefore) {
                const QStringList lost = lostOrChanged(before, committed(store, id));
                lost_ += int(lost.size());
                QVERIFY2(lost.isEmpty(), qPrintable(lost.join(", ")));
            }
            if (std::optional<RunRecord> killed = runNamed(store, c.name + " run")) {
                QVERIFY(killed->status != RunStatus::Running);
                const Snapshot now = committed(store, killed->id);
                const QStringList lost = lostOrChanged(current, now);
                lost_ += int(lost.size());
                QVERIFY2(lost.isEmpty(), qPrintable(lost.join(", ")));
                current = now;
            }
            qInfo("%s: kill %d %s", c.name.c_str(), stageKills, qPrintable(*moment));
        }

        // A kill between the run's last commit and its "finished" status leaves it interrupted with all its
        // results stored; resuming it must finish without writing anything twice.
        {
            ProjectStore store = ProjectStore::open(victimProject());
            const std::int64_t id = runNamed(store, c.name + " run")->id;
            setRunStatus(store, id, RunStatus::Interrupted);
            QVERIFY(runToEnd({"runs", "resume", QString::number(id), "--project", victim}) >= 0);
        }

        ProjectStore reference = ProjectStore::open(referenceProject(), ProjectStore::Mode::ReadOnly);
        ProjectStore store = ProjectStore::open(victimProject(), ProjectStore::Mode::ReadOnly);
        const std::int64_t id = runNamed(store, c.name + " run")->id;
        QCOMPARE(loadRun(store, id).status, RunStatus::Finished);
        const Snapshot expected = committed(reference, runNamed(reference, c.name + " run")->id);
        const Snapshot resumed = committed(store, id);
        QVERIFY(!expected.empty());
        QCOMPARE(lostOrChanged(current, resumed), QStringList());  // the last kill's rows are kept as they were
        QCOMPARE(lostOrChanged(expected, resumed), QStringList());
        QCOMPARE(resumed.size(), expected.size());
        // Progress metrics are sampled in time, so the two runs record different steps; where both recorded
        // one, the values are the same.
        const Snapshot metrics = metricValues(store, id), expectedMetrics = metricValues(reference, runNamed(reference, c.name + " run")->id);
        int commonMetrics = 0;
        for (const auto& [key, value] : metrics)
            if (auto it = expectedMetrics.find(key); it != expectedMetrics.end()) {
                ++commonMetrics;
                QVERIFY2(it->second == value, key.c_str());
            }
        if (!c.outputFolder.empty()) {
            const Snapshot files = folderFiles(std::filesystem::path(victimProject()).parent_path() / c.outputFolder);
            QVERIFY(files.count("model.safetensors"));
            QVERIFY2(files == folderFiles(std::filesystem::path(referenceProject()).parent_path() / c.outputFolder),
                     "the model folder written after the kills is bit-identical to the uninterrupted run's");
        }
        qInfo("%s: %d kills, %zu committed rows and %d metric points identical to the uninterrupted run's (%.1f s "
              "uninterrupted)", c.name.c_str(), stageKills, resumed.size(), commonMetrics, seconds);
    }

    void killsLandedAndNothingWasLost() {
        qInfo("%d kills in all, %d committed results lost or changed", kills_, lost_);
        QCOMPARE(lost_, 0);
        QVERIFY2(kills_ >= 20, "the issue asks for at least 20 kills across the stages");
    }
};

QTEST_GUILESS_MAIN(TestStageKills)
#include "test_stage_kills.moc"
