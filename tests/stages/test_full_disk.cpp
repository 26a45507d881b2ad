// A full disk and a read-only project through the real `redit` CLI (docs/reliability.md): a clear error
// naming the file, and nothing that was saved is damaged. The disk is a small tmpfs mounted by the test,
// which needs root (CAP_SYS_ADMIN); elsewhere the test is skipped and says so.
#include <QtTest>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sys/mount.h>
#include <sys/statvfs.h>

#include "store/project_store.h"
#include "store/runs.h"
#include "temp_dir.h"
#include "tiny_recipe.h"
#include "util/json_file.h"

using namespace redit;
namespace fs = std::filesystem;

namespace {

constexpr unsigned long kDiskBytes = 4ul << 20;

struct Cli {
    int code = -1;
    QString output;
};

Cli runCli(const QStringList& args) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("OMP_NUM_THREADS", "1");
    env.insert("OMP_WAIT_POLICY", "PASSIVE");
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(REDIT_CLI, args);
    if (!p.waitForFinished(300000) || p.exitStatus() != QProcess::NormalExit) return {};
    return {p.exitCode(), QString::fromUtf8(p.readAll())};
}

std::string fileBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Fills the disk holding `folder` up to `leaveBytes` free.
void fillDisk(const fs::path& folder, unsigned long leaveBytes) {
    struct statvfs s {};
    statvfs(folder.c_str(), &s);
    const unsigned long free = s.f_bavail * s.f_frsize;
    std::ofstream out(folder / "filler", std::ios::binary);
    const std::string block(4096, '\0');
    for (unsigned long written = 0; written + block.size() + leaveBytes <= free; written += block.size()) out << block;
}

// The scores of a run's circuits, by name.
std::map<std::string, std::string> circuitScores(const std::string& project, std::int64_t runId) {
    ProjectStore store = ProjectStore::open(project, ProjectStore::Mode::ReadOnly);
    SQLite::Statement s(store.db(), "SELECT name, scores FROM circuits WHERE run_id = ?");
    s.bind(1, runId);
    std::map<std::string, std::string> scores;
    while (s.executeStep()) scores[s.getColumn(0).getString()] = s.getColumn(1).getString();
    return scores;
}

}  // namespace

class TestFullDisk : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    fs::path disk_;
    std::string project_;
    QString projectArg_;
    QString circuitsConfig_;

private slots:
    void init() {
        disk_ = fs::path(dir_.path().toStdString()) / QTest::currentTestFunction();
        fs::create_directories(disk_);
        const std::string options = "size=" + std::to_string(kDiskBytes);
        if (::mount("tmpfs", disk_.c_str(), "tmpfs", 0, options.c_str()) != 0)
            QSKIP("mounting a small tmpfs needs root (CAP_SYS_ADMIN); the full disk and the read-only mount are not simulated");
        project_ = (disk_ / "p.redit").string();
        projectArg_ = QString::fromStdString(project_);
        const std::string config = (disk_ / "circuits.json").string();
        writeJsonFile(config, {{"kind", "circuits"}, {"name", "c"}, {"params", {
            {"model", std::string(REDIT_SOURCE_DIR) + "/resources/models/logic-tiny"},
            {"data", "synthetic:deductive:level1:n=4:per_domain=1"}, {"pairs", 4}}}});
        circuitsConfig_ = QString::fromStdString(config);
        QCOMPARE(runCli({"project", "init", projectArg_}).code, 0);
    }

    void cleanup() {
        ::umount2(disk_.c_str(), MNT_DETACH);
    }

    void aFullDiskStopsTheRunWithAClearMessageAndDamagesNothing() {
        const Cli first = runCli({"run", circuitsConfig_, "--project", projectArg_});
        QVERIFY2(first.code == 0, qPrintable(first.output));
        const auto saved = circuitScores(project_, 1);
        QVERIFY(!saved.empty());

        fillDisk(disk_, 48 << 10);
        const Cli full = runCli({"run", circuitsConfig_, "--project", projectArg_});
        QCOMPARE(full.code, 1);
        qInfo("%s", qPrintable(full.output.split('\n', Qt::SkipEmptyParts).last()));
        QVERIFY2(full.output.contains("error: " + projectArg_ + ": cannot be written: the disk is full"), qPrintable(full.output));

        fs::remove(disk_ / "filler");
        {
            ProjectStore store = ProjectStore::open(project_);  // the stopped run opens as interrupted
            QCOMPARE(store.integrityProblems(), std::vector<std::string>());
            QCOMPARE(loadRun(store, 1).status, RunStatus::Finished);
            QVERIFY(isResumable(loadRun(store, 2).status));
        }
        QCOMPARE(circuitScores(project_, 1), saved);
        const Cli resumed = runCli({"runs", "resume", "2", "--project", projectArg_});
        QVERIFY2(resumed.code == 0, qPrintable(resumed.output));
        QCOMPARE(circuitScores(project_, 2), saved);  // the same config computes the same circuits
    }

    void aModelFolderOnAFullDiskKeepsTheModelItHad() {
        // The project lives elsewhere; only the model folder is on the small disk.
        QTemporaryDir projectDir;
        const std::string project = testing::pathIn(projectDir, "p.redit");
        const QString projectArg = QString::fromStdString(project);
        QCOMPARE(runCli({"project", "init", projectArg}).code, 0);
        const std::string output = (disk_ / "tiny").string();
        nlohmann::json params = testing::tinyTrainParams(output, 10, 5);
        params["hidden"] = 64;  // about 0.4 MB of weights
        params["intermediate"] = 128;
        writeJsonFile(testing::pathIn(projectDir, "train.json"), {{"kind", "train-tiny"}, {"params", params}});
        const QString config = QString::fromStdString(testing::pathIn(projectDir, "train.json"));
        QCOMPARE(runCli({"run", config, "--project", projectArg}).code, 0);
        const std::string weights = fileBytes(disk_ / "tiny" / "model.safetensors");
        QVERIFY(weights.size() > (200u << 10));

        fillDisk(disk_, 100 << 10);
        const Cli full = runCli({"run", config, "--project", projectArg});
        QCOMPARE(full.code, 1);
        qInfo("%s", qPrintable(full.output.split('\n', Qt::SkipEmptyParts).last()));
        QVERIFY2(full.output.contains(QString::fromStdString((disk_ / "tiny" / "model.safetensors").string()) +
                                      ": write failed (disk full?)"), qPrintable(full.output));
        QCOMPARE(fileBytes(disk_ / "tiny" / "model.safetensors"), weights);
        for (const auto& entry : fs::directory_iterator(disk_ / "tiny"))
            QVERIFY2(entry.path().extension() != ".tmp", entry.path().c_str());  // no half-written file left
        ProjectStore store = ProjectStore::open(project, ProjectStore::Mode::ReadOnly);
        QCOMPARE(loadRun(store, 2).status, RunStatus::Failed);
        QVERIFY(QString::fromStdString(loadRun(store, 2).error).contains("write failed (disk full?)"));
    }

    void aReadOnlyProjectIsBrowsedButNotWritten() {
        const Cli first = runCli({"run", circuitsConfig_, "--project", projectArg_});
        QVERIFY2(first.code == 0, qPrintable(first.output));
        const auto saved = circuitScores(project_, 1);
        const std::string bytes = fileBytes(project_);

        QCOMPARE(::mount("tmpfs", disk_.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr), 0);
        const Cli refused = runCli({"run", circuitsConfig_, "--project", projectArg_});
        QCOMPARE(refused.code, 1);
        qInfo("%s", qPrintable(refused.output.trimmed()));
        QVERIFY2(refused.output.contains("error: " + projectArg_ + ": cannot be opened for writing: the file or its folder is read-only"),
                 qPrintable(refused.output));
        const Cli list = runCli({"runs", "list", "--project", projectArg_});
        QVERIFY2(list.code == 0 && list.output.contains("finished"), qPrintable(list.output));
        QCOMPARE(circuitScores(project_, 1), saved);

        QCOMPARE(::mount("tmpfs", disk_.c_str(), "tmpfs", MS_REMOUNT, nullptr), 0);
        QCOMPARE(fileBytes(project_), bytes);
        ProjectStore store = ProjectStore::open(project_);
        QCOMPARE(store.integrityProblems(), std::vector<std::string>());
        QCOMPARE(listRuns(store).size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestFullDisk)
#include "test_full_disk.moc"
