#include <QtTest>

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "store/circuits.h"
#include "store/project_store.h"
#include "store/runs.h"
#include "store/schema.h"
#include "temp_dir.h"
#include "util/error.h"

using namespace redit;

namespace {

std::string readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// A project with enough data to span many pages.
void makeProject(const std::string& path) {
    ProjectStore store = ProjectStore::create(path);
    std::int64_t run = createRun(store, {"circuits", "", {}, 0, "cpu", {}, {}, {}});
    std::int64_t spec = addGraphSpec(store, {{"toy", 1}}, 20000);
    saveCircuit(store, {0, run, spec, "c", {}, std::vector<float>(20000, 0.5f)});
}

}  // namespace

class TestProjectFileChecks : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::string path(const std::string& name) const { return testing::pathIn(dir_, name); }

private slots:
    void opensAndUpgradesAnEmptyVersion0Project() {
        // An old file: application_id set but no schema yet (user_version 0), written with raw SQL.
        std::string p = path("v0.redit");
        {
            SQLite::Database raw(p, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            raw.exec("PRAGMA application_id = " + std::to_string(store::kApplicationId));
            raw.exec("CREATE TABLE scratch(x)");
        }
        ProjectStore store = ProjectStore::open(p);
        QCOMPARE(store.schemaVersion(), store::kSchemaVersion);
        QCOMPARE(listRuns(store).size(), std::size_t(0));
    }

    void opensAVersion1FileWrittenWithRawSql() {
        std::string p = path("v1.redit");
        {
            SQLite::Database raw(p, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            raw.exec("PRAGMA application_id = " + std::to_string(store::kApplicationId));
            store::schemaMigrations().front().apply(raw);
            raw.exec("PRAGMA user_version = 1");
            raw.exec("INSERT INTO runs(kind, config, status, seed, device, code_version, library_versions)"
                     " VALUES ('eval', '{\"k\":1}', 'finished', 3, 'cpu', 'old', '{}')");
        }
        ProjectStore store = ProjectStore::open(p);
        RunRecord r = loadRun(store, 1);
        QCOMPARE(r.status, RunStatus::Finished);
        QCOMPARE(r.codeVersion, std::string("old"));
        QCOMPARE(r.config["k"].get<int>(), 1);
    }

    void migrationsRunInOrderAndAFailedOneLeavesTheFileAtTheLastVersion() {
        std::string p = path("migrate.redit");
        makeProject(p);
        SQLite::Database db(p, SQLite::OPEN_READWRITE);
        std::vector<store::Migration> steps = store::schemaMigrations();
        const int next = store::kSchemaVersion + 1;
        steps.push_back({next, "add notes", [](SQLite::Database& d) { d.exec("CREATE TABLE notes(text TEXT)"); }});
        steps.push_back({next + 1, "broken", [](SQLite::Database& d) {
                             d.exec("CREATE TABLE half_done(x)");
                             d.exec("THIS IS NOT SQL");
                         }});
        QVERIFY_THROWS_EXCEPTION(SQLite::Exception, store::migrate(db, steps));
        QCOMPARE(db.execAndGet("PRAGMA user_version").getInt(), next);
        QVERIFY(db.tableExists("notes"));
        QVERIFY(!db.tableExists("half_done"));
        QCOMPARE(db.execAndGet("SELECT count(*) FROM circuits").getInt(), 1);
    }

    void rejectsWhatItCannotOpenAndLeavesTheFileUnchanged_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text file") << "text" << "it is not a SQLite database";
        QTest::newRow("short file") << "short" << "shorter than a SQLite header";
        QTest::newRow("foreign SQLite") << "foreign" << "not a REdit project (application_id 0x00000000";
        QTest::newRow("truncated") << "truncated" << "is truncated: its header declares";
        QTest::newRow("damaged schema page") << "damaged" << "is damaged and cannot be read";
        QTest::newRow("newer version") << "newer" << "was written by a newer REdit (schema version 9";
    }
    void rejectsWhatItCannotOpenAndLeavesTheFileUnchanged() {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        std::string p = path(kind.toStdString() + ".redit");
        if (kind == "text") writeBytes(p, std::string(4096, 'x'));
        if (kind == "short") writeBytes(p, "SQLite format 3");
        if (kind == "foreign") {
            SQLite::Database raw(p, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            raw.exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)");
        }
        if (kind == "truncated" || kind == "damaged" || kind == "newer") makeProject(p);
        if (kind == "truncated") writeBytes(p, readBytes(p).substr(0, 40000));
        if (kind == "damaged") {
            std::string bytes = readBytes(p);
            std::fill(bytes.begin() + 100, bytes.begin() + 400, '\xff');
            writeBytes(p, bytes);
        }
        if (kind == "newer") {
            SQLite::Database raw(p, SQLite::OPEN_READWRITE);
            raw.exec("PRAGMA user_version = 9");
        }
        QVERIFY(!std::filesystem::exists(p + "-wal"));
        const std::string before = readBytes(p);

        for (auto mode : {ProjectStore::Mode::ReadWrite, ProjectStore::Mode::ReadOnly}) {
            try {
                ProjectStore::open(p, mode);
                QFAIL("expected a FileError");
            } catch (const FileError& e) {
                QCOMPARE(QString::fromStdString(e.path()), QString::fromStdString(p));
                QVERIFY2(QString(e.what()).contains(expected), e.what());
            }
        }
        QVERIFY(readBytes(p) == before);
        QVERIFY(!std::filesystem::exists(p + "-wal"));
        QVERIFY(!std::filesystem::exists(p + "-shm"));
        QVERIFY(!std::filesystem::exists(p + "-journal"));
    }

    void integrityCheckFindsDamageInsideTheFile() {
        std::string p = path("deep.redit");
        makeProject(p);
        QVERIFY(ProjectStore::open(p).integrityProblems().empty());
        std::string bytes = readBytes(p);
        // Break the next-page pointer of one of the last pages (the circuit BLOB's overflow chain), which
        // opening the file does not read.
        std::size_t page = bytes.size() - 3 * 4096;
        std::fill(bytes.begin() + page, bytes.begin() + page + 4, '\x7f');
        writeBytes(p, bytes);
        QVERIFY(!ProjectStore::open(p, ProjectStore::Mode::ReadOnly).integrityProblems().empty());
    }

    void damageFoundWhileReadingRunsIsAFileError() {
        // Found by fuzzing: a damaged page of the runs table, which opening the file read-only does not read,
        // escaped listRuns as SQLite::Exception.
        std::string p = path("runs_damaged.redit");
        makeProject(p);
        std::size_t root = 0, pageSize = 0;
        {
            SQLite::Database raw(p, SQLite::OPEN_READONLY);
            root = std::size_t(raw.execAndGet("SELECT rootpage FROM sqlite_schema WHERE name = 'runs'").getInt());
            pageSize = std::size_t(raw.execAndGet("PRAGMA page_size").getInt());
        }
        std::string bytes = readBytes(p);
        bytes[(root - 1) * pageSize] = '\xff';  // the page type: no b-tree page has it
        writeBytes(p, bytes);
        const ProjectStore store = ProjectStore::open(p, ProjectStore::Mode::ReadOnly);
        try {
            listRuns(store);
            QFAIL("expected a FileError");
        } catch (const FileError& e) {
            QCOMPARE(QString::fromStdString(e.path()), QString::fromStdString(p));
            QCOMPARE(QString::fromStdString(e.problem()),
                     QString("cannot be read: the file is damaged (database disk image is malformed)"));
        }
        QVERIFY_THROWS_EXCEPTION(FileError, loadRun(store, 1));
    }

    void missingFileIsAFileError() {
        QVERIFY_THROWS_EXCEPTION(FileError, ProjectStore::open(path("nothing.redit")));
        QVERIFY(!std::filesystem::exists(path("nothing.redit")));
    }
};

QTEST_GUILESS_MAIN(TestProjectFileChecks)
#include "test_project_file_checks.moc"
