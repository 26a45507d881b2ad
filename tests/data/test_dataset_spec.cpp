#include <QtTest>

#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "data/dataset_export.h"
#include "data/dataset_spec.h"
#include "data/logic_solver.h"
#include "data/logic_text.h"
#include "data/pattern_identity.h"
#include "data/synthetic_dataset.h"
#include "temp_dir.h"
#include "util/error.h"

using namespace redit::data;

class TestDatasetSpec : public QObject {
    Q_OBJECT

    const std::string root_ = std::string(REDIT_SHARED_DIR) + "/data/contexthub";

    static QString errorOf(const std::string& spec) {
        try {
            parseDatasetSpec(spec);
        } catch (const redit::ConfigError& e) {
            return QString::fromStdString(e.what());
        }
        return {};
    }

private slots:
    void parsesContextHubSpecs() {
        DatasetSpec s = parseDatasetSpec("contexthub:/data/ch:abductive:level2");
        QCOMPARE(int(s.source), int(DatasetSource::ContextHub));
        QCOMPARE(s.folder, std::string("/data/ch"));
        QCOMPARE(*s.kind, ReasoningKind::Abductive);
        QCOMPARE(*s.level, 2);
        s = parseDatasetSpec("contexthub:/data/ch");
        QVERIFY(!s.kind && !s.level);
        s = parseDatasetSpec("contexthub:/odd:name/ch:level3");
        QCOMPARE(s.folder, std::string("/odd:name/ch"));
        QVERIFY(!s.kind);
        QCOMPARE(*s.level, 3);
    }

    void parsesSyntheticSpecs() {
        DatasetSpec s = parseDatasetSpec("synthetic:deductive:level1");
        QCOMPARE(int(s.source), int(DatasetSource::Synthetic));
        QCOMPARE(*s.kind, ReasoningKind::Deductive);
        QCOMPARE(*s.level, 1);
        QCOMPARE(s.count, std::size_t(0));
        QCOMPARE(s.perDomain, std::size_t(5));
        s = parseDatasetSpec("synthetic:abductive:level2:n=500:seed=7:per_domain=3");
        QCOMPARE(*s.kind, ReasoningKind::Abductive);
        QCOMPARE(s.count, std::size_t(500));
        QCOMPARE(s.seed, std::uint64_t(7));
        QCOMPARE(s.perDomain, std::size_t(3));
    }

    void errorsNameTheBadPart_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("expected");
        QTest::newRow("source") << "zip:x" << "dataset spec 'zip:x': unknown source 'zip'";
        QTest::newRow("kind") << "synthetic:deductiv:level1" << "needs a kind, deductive or abductive (got 'deductiv')";
        QTest::newRow("no level") << "synthetic:abductive" << "'synthetic:abductive:' needs a level";
        QTest::newRow("level range") << "synthetic:deductive:level9" << "'level9': the level must be 1 to 4";
        QTest::newRow("level digits") << "contexthub:/x:levelx" << "'levelx' needs a non-negative integer";
        QTest::newRow("number") << "synthetic:deductive:level1:n=12a" << "'n=12a' needs a non-negative integer";
        QTest::newRow("negative") << "synthetic:deductive:level1:seed=-1" << "'seed=-1' needs a non-negative integer";
        QTest::newRow("option") << "synthetic:deductive:level1:size=3" << "unknown option 'size'";
        QTest::newRow("bare word") << "synthetic:deductive:level1:fast" << "'fast' is not an option";
        QTest::newRow("per domain") << "synthetic:deductive:level1:per_domain=0" << "'per_domain=0'";
        QTest::newRow("first") << "synthetic:deductive:level2:first=0" << "'first=0': keep at least one pattern";
        QTest::newRow("folder") << "contexthub::deductive" << "'contexthub:' needs a folder";
    }
    void errorsNameTheBadPart() {
        QFETCH(QString, spec);
        QFETCH(QString, expected);
        const QString message = errorOf(spec.toStdString());
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void syntheticLevelOneIsTheWholeSpaceInEveryDomain() {
        std::vector<Pattern> patterns = loadDataset("synthetic:deductive:level1:seed=3");
        QCOMPARE(int(patterns.size()), 10);
        std::set<std::string> structures;
        for (std::size_t i = 0; i < patterns.size(); ++i) {
            const Pattern& p = patterns[i];
            QCOMPARE(p.id, "sd1-0" + std::to_string(i));
            QCOMPARE(p.text, formatLogicProblem(p.problem));
            QCOMPARE(p.label, solve(parseLogicProblem(p.text, "synthetic", p.id)));
            structures.insert(structureKey(p.problem));
            QCOMPARE(int(p.instances.size()), 12 * 5);
            std::map<std::string, int> perDomain;
            for (const Instance& inst : p.instances) {
                ++perDomain[inst.domain];
                QCOMPARE(inst.label, p.label);
            }
            QCOMPARE(int(perDomain.size()), 12);
            for (const auto& [domain, n] : perDomain) QCOMPARE(n, 5);
        }
        QCOMPARE(int(structures.size()), 10);
    }

    void syntheticIsDeterministicForASeed() {
        auto a = loadDataset("synthetic:abductive:level3:n=6:seed=7:per_domain=1");
        auto b = loadDataset("synthetic:abductive:level3:n=6:seed=7:per_domain=1");
        auto c = loadDataset("synthetic:abductive:level3:n=6:seed=8:per_domain=1");
        QCOMPARE(int(a.size()), 6);
        QCOMPARE(a[5].id, std::string("sa3-05"));
        bool differs = false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].text, b[i].text);
            QCOMPARE(int(a[i].instances.size()), 12);
            for (std::size_t k = 0; k < a[i].instances.size(); ++k) QCOMPARE(a[i].instances[k].text, b[i].instances[k].text);
            differs = differs || a[i].text != c[i].text;
        }
        QVERIFY(differs);
        QCOMPARE(int(loadDataset("synthetic:deductive:level4:per_domain=1").size()), int(kDefaultSyntheticCount));
        QVERIFY_THROWS_EXCEPTION(redit::ConfigError, loadDataset("synthetic:deductive:level1:n=11"));
    }

    void firstKeepsTheLeadingPatterns() {
        const auto all = loadDataset("synthetic:deductive:level2:per_domain=1");
        const auto first = loadDataset("synthetic:deductive:level2:per_domain=1:first=10");
        QCOMPARE(parseDatasetSpec("synthetic:deductive:level2:first=10").first, std::size_t(10));
        QCOMPARE(int(first.size()), 10);
        for (std::size_t i = 0; i < first.size(); ++i) QCOMPARE(first[i].text, all[i].text);
        QCOMPARE(first.back().id, std::string("sd2-09"));
        QVERIFY_THROWS_EXCEPTION(redit::ConfigError, loadDataset("synthetic:deductive:level1:first=11"));
    }

    void firstKeepsTheLeadingContextHubRecords() {
        const auto all = loadDataset("contexthub:" + root_ + ":deductive:level2");
        const auto first = loadDataset("contexthub:" + root_ + ":deductive:level2:first=10");
        const DatasetSpec spec = parseDatasetSpec("contexthub:/odd:name/ch:deductive:level2:first=10");
        QCOMPARE(spec.folder, std::string("/odd:name/ch"));
        QCOMPARE(spec.level, std::optional<int>(2));
        QCOMPARE(spec.first, std::size_t(10));
        QCOMPARE(int(first.size()), 10);
        QVERIFY(all.size() > first.size());
        for (std::size_t i = 0; i < first.size(); ++i) QCOMPARE(first[i].id, all[i].id);
        QVERIFY_THROWS_EXCEPTION(redit::ConfigError, parseDatasetSpec("contexthub:/x:level2:first=0"));
        QVERIFY_THROWS_EXCEPTION(redit::ConfigError, loadDataset("contexthub:" + root_ + ":deductive:level1:first=11"));
    }

    void loadsContextHubThroughTheSameFunction() {
        auto patterns = loadDataset("contexthub:" + root_ + ":deductive:level1");
        QCOMPARE(int(patterns.size()), 10);
        QCOMPARE(patterns[0].id, std::string("d1-00"));
        QCOMPARE(int(patterns[0].instances.size()), 60);
        QVERIFY_THROWS_EXCEPTION(redit::FileError, loadDataset("contexthub:" + root_ + "/missing"));
        QTemporaryDir empty;
        QVERIFY_THROWS_EXCEPTION(redit::FileError, loadDataset("contexthub:" + empty.path().toStdString() + ":level1"));
    }

    void exportsOneInstancePerLine() {
        QTemporaryDir dir;
        const std::string path = redit::testing::pathIn(dir, "out.jsonl");
        auto patterns = loadDataset("synthetic:abductive:level1:per_domain=1");
        QCOMPARE(writeInstancesJsonl(patterns, path), patterns.size() * 12);
        std::ifstream in(path);
        std::string line;
        std::size_t n = 0;
        while (std::getline(in, line)) {
            nlohmann::json j = nlohmann::json::parse(line);
            const Pattern& p = patterns[n / 12];
            const Instance& inst = p.instances[n % 12];
            QCOMPARE(j.at("pattern").get<std::string>(), p.id);
            QCOMPARE(j.at("domain").get<std::string>(), inst.domain);
            QCOMPARE(j.at("text").get<std::string>(), inst.text);
            QCOMPARE(j.at("label").get<std::string>(), truthName(inst.label));
            ++n;
        }
        QCOMPARE(n, patterns.size() * 12);
        QVERIFY_THROWS_EXCEPTION(redit::FileError, writeInstancesJsonl(patterns, redit::testing::pathIn(dir, "no/such/dir.jsonl")));
    }
};

QTEST_GUILESS_MAIN(TestDatasetSpec)
#include "test_dataset_spec.moc"
