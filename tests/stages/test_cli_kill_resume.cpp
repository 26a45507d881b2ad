// The crash test: the real `redit` CLI trains train-tiny, is killed with SIGKILL after its first committed
// checkpoint, and `redit runs resume` finishes the run with the same weights as an uninterrupted run.
#include <QtTest>

#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include "store/checkpoints.h"
#include "store/project_store.h"
#include "store/runs.h"
#include "temp_dir.h"
#include "tiny_recipe.h"
#include "util/json_file.h"

using namespace redit;

namespace {

std::string fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs the CLI to its end; returns its exit code, failing the test with its output otherwise.
int runCli(const QStringList& args, QString* output = nullptr) {
    QProcess cli;
    cli.setProcessChannelMode(QProcess::MergedChannels);
    cli.start(REDIT_CLI, args);
    if (!cli.waitForFinished(600000)) return -1;  // ctest's limit; the machine may be busy
    if (output) *output = QString::fromUtf8(cli.readAll());
    return cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1;
}

nlohmann::json trainConfig(const std::string& name, const std::string& output) {
    // Enough steps to last a few seconds; a checkpoint every 20 steps.
    nlohmann::json params = testing::tinyTrainParams(output, 400, 20);
    params["hidden"] = 32;
    params["intermediate"] = 64;
    params["batch_size"] = 32;
    return {{"kind", "train-tiny"}, {"name", name}, {"params", params}};
}

}  // namespace

class TestCliKillResume : public QObject {
    Q_OBJECT
private slots:
    void killedTrainingResumesToTheUninterruptedWeights() {
        QTemporaryDir dir;
        const std::string project = testing::pathIn(dir, "p.redit");
        const QString projectArg = QString::fromStdString(project);
        QString output;
        QCOMPARE(runCli({"project", "init", projectArg}), 0);
        writeJsonFile(testing::pathIn(dir, "reference.json"), trainConfig("reference", "reference"));
        writeJsonFile(testing::pathIn(dir, "killed.json"), trainConfig("killed", "killed"));

        const int referenceExit = runCli({"run", QString::fromStdString(testing::pathIn(dir, "reference.json")),
                                          "--project", projectArg}, &output);
        QVERIFY2(referenceExit == 0, qPrintable(output));

        QProcess victim;
        victim.setProcessChannelMode(QProcess::MergedChannels);
        victim.start(REDIT_CLI, {"run", QString::fromStdString(testing::pathIn(dir, "killed.json")), "--project", projectArg});
        QVERIFY(victim.waitForStarted());
        // Poll the project read-only until the second run has a committed checkpoint, then kill.
        std::int64_t killed = 0;
        bool checkpointed = false;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (!checkpointed && victim.state() == QProcess::Running && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            ProjectStore watcher = ProjectStore::open(project, ProjectStore::Mode::ReadOnly);
            for (const RunRecord& r : listRuns(watcher))
                if (r.name == "killed") {
                    killed = r.id;
                    checkpointed = loadCheckpoint(watcher, r.id, "training").has_value();
                }
        }
        QVERIFY2(checkpointed, qPrintable(QString::fromUtf8(victim.readAll())));
        victim.kill();  // SIGKILL
        QVERIFY(victim.waitForFinished(10000));
        QCOMPARE(victim.exitStatus(), QProcess::CrashExit);

        {
            ProjectStore store = ProjectStore::open(project);  // opens cleanly, marks the run interrupted
            QCOMPARE(loadRun(store, killed).status, RunStatus::Interrupted);
            QVERIFY(loadCheckpoint(store, killed, "training").has_value());
            QVERIFY(store.integrityProblems().empty());
        }
        QVERIFY(!QFileInfo::exists(QString::fromStdString(testing::pathIn(dir, "killed/model.safetensors"))));

        const int resumeExit = runCli({"runs", "resume", QString::number(killed), "--project", projectArg}, &output);
        QVERIFY2(resumeExit == 0, qPrintable(output));
        ProjectStore store = ProjectStore::open(project, ProjectStore::Mode::ReadOnly);
        QCOMPARE(loadRun(store, killed).status, RunStatus::Finished);
        const std::string reference = fileBytes(testing::pathIn(dir, "reference/model.safetensors"));
        QVERIFY(!reference.empty());
        QVERIFY2(fileBytes(testing::pathIn(dir, "killed/model.safetensors")) == reference,
                 "resumed weights are bit-identical to the uninterrupted run's");
    }
};

QTEST_GUILESS_MAIN(TestCliKillResume)
#include "test_cli_kill_resume.moc"
