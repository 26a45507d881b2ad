#include <QtTest>

#include <set>

#include "data/contexthub.h"
#include "data/logic_solver.h"
#include "data/logic_text.h"
#include "temp_dir.h"
#include "util/error.h"

using namespace redit::data;

class TestContextHub : public QObject {
    Q_OBJECT

    const std::string root_ = std::string(REDIT_SHARED_DIR) + "/data/contexthub";

private slots:
    void loadsEveryFileWithTheBriefsCounts() {
        std::map<std::pair<ReasoningKind, int>, int> count;
        for (const Pattern& p : loadContextHub(root_)) ++count[{p.kind, p.level}];
        const int deductive[] = {10, 40, 40, 40}, abductive[] = {6, 40, 40, 40};
        for (int level = 1; level <= 4; ++level) {
            QCOMPARE(count[std::make_pair(ReasoningKind::Deductive, level)], deductive[level - 1]);
            QCOMPARE(count[std::make_pair(ReasoningKind::Abductive, level)], abductive[level - 1]);
        }
    }

    void instanceFilesHaveSixtyInstancesPerPattern() {
        for (int level : {1, 2})
            for (ReasoningKind kind : {ReasoningKind::Deductive, ReasoningKind::Abductive})
                for (const Pattern& p : loadContextHub(root_, kind, level)) {
                    QCOMPARE(int(p.instances.size()), 60);
                    std::map<std::string, int> perDomain;
                    for (const Instance& i : p.instances) {
                        ++perDomain[i.domain];
                        QCOMPARE(i.label, p.label);
                        QVERIFY(!i.text.empty());
                        QVERIFY(!i.bindings.count("nl") && !i.bindings.count("ans"));
                    }
                    QCOMPARE(int(perDomain.size()), 12);
                    QCOMPARE(perDomain["abstract"], 5);
                    // Abstract variants are the pattern with renamed variables: same label under the solver.
                    for (const Instance& i : p.instances)
                        if (i.domain == "abstract") QCOMPARE(solve(parseLogicProblem(i.text, "abstract", i.subTopic)), p.label);
                }
    }

    void idsAreKindLevelAndIndex() {
        auto patterns = loadContextHub(root_, ReasoningKind::Abductive, 2);
        QCOMPARE(patterns.at(7).id, std::string("a2-07"));
        QCOMPARE(patterns.at(7).index, 7);
        QCOMPARE(loadContextHub(root_, ReasoningKind::Deductive, 1).at(3).id, std::string("d1-03"));
        std::set<std::string> ids;
        for (const Pattern& p : loadContextHub(root_)) QVERIFY(ids.insert(p.id).second);
        // Level-2 cot records list the same patterns as the instance file, in another order.
        std::set<std::string> a, b;
        for (const Pattern& p : loadInstanceFile(root_ + "/data_level2/deductive_logic.json", ReasoningKind::Deductive, 2)) a.insert(p.text);
        for (const Pattern& p : loadCotFile(root_ + "/data_level2/deductive_logic_cot.json", ReasoningKind::Deductive, 2)) b.insert(p.text);
        QCOMPARE(a, b);
    }

    void recoversLevel3ChatInstances() {
        auto patterns = loadContextHub(root_, ReasoningKind::Deductive, 3);
        size_t total = 0, covered = 0, fewest = 1000, most = 0;
        for (const Pattern& p : patterns) {
            total += p.instances.size();
            if (!p.instances.empty()) ++covered;
            fewest = std::min(fewest, p.instances.size());
            most = std::max(most, p.instances.size());
            for (const Instance& i : p.instances) {
                QCOMPARE(int(i.bindings.size()), int(p.problem.postOrder().size()));
                QVERIFY(i.text.find("Answer the question") == std::string::npos);
            }
        }
        qInfo("recovered %zu level-3 instances over %zu patterns (%zu to %zu each)", total, covered, fewest, most);
        QCOMPARE(int(total), 289);
        QCOMPARE(int(covered), 40);
        QCOMPARE(int(fewest), 2);
        QCOMPARE(int(most), 13);
    }

    void badFilesNameFileAndRecord_data() {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not an array") << "{}" << "top level must be a JSON array";
        QTest::newRow("bad label") << R"([{"descriptions": "aaa is False.\n(NOT aaa) -> aab.\nDeduce the result of aab.", "answers": "maybe"}])"
                                   << "record 0: label must be true, false or \"N/A\"";
        QTest::newRow("bad formula") << R"([{"descriptions": "aaa is False.\n(NOT aaa) -> aab.\nDeduce the result of aab.", "answers": true},
                                            {"descriptions": "(aaa) -> aab.\nDeduce the result of aab.", "answers": true}])"
                                     << "record 1: line 1:";
        QTest::newRow("wrong kind") << R"([{"descriptions": "\n(NOT aaa) -> aab.\nGiven aab is False, what is the value of aaa?", "answers": true}])"
                                    << "record 0: a abductive problem in a deductive file";
        QTest::newRow("truncated") << "[{\"descriptions\": " << "not valid JSON";
    }
    void badFilesNameFileAndRecord() {
        QFETCH(QString, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string path = redit::testing::pathIn(dir, "deductive_logic_cot.json");
        redit::testing::writeText(path, content.toStdString());
        try {
            loadCotFile(path, ReasoningKind::Deductive, 1);
            QFAIL("expected an error");
        } catch (const redit::FileError& e) {
            QCOMPARE(QString::fromStdString(e.path()), QString::fromStdString(path));
            QVERIFY2(QString::fromStdString(e.problem()).contains(expected), e.what());
        }
    }

    void badChatLineNamesRecord() {
        QTemporaryDir dir;
        const std::string path = redit::testing::pathIn(dir, "chat.jsonl");
        redit::testing::writeText(path, "{\"messages\": []}\n{\"messages\": 3}\n");
        std::vector<Pattern> none;
        try {
            attachChatInstances(path, none);
            QFAIL("expected an error");
        } catch (const redit::FileError& e) {
            QVERIFY2(QString::fromStdString(e.problem()).contains("record 1: field 'messages'"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestContextHub)
#include "test_contexthub.moc"
