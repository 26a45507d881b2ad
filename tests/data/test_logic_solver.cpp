#include <QtTest>

#include "data/contexthub.h"
#include "data/logic_solver.h"
#include "data/logic_text.h"
#include "data/pattern_identity.h"
#include "util/error.h"

using namespace redit::data;

class TestLogicSolver : public QObject {
    Q_OBJECT

    static LogicProblem parse(const std::string& text) { return parseLogicProblem(text, "t.json", "record 0"); }

    static QString errorOf(const std::string& text) {
        try {
            parse(text);
        } catch (const redit::FileError& e) {
            return QString::fromStdString(e.what());
        }
        return {};
    }

private slots:
    // Hand-computed Kleene values for every operator and input.
    void deductiveTruthTable() {
        QCOMPARE(solve(parse("aaa is True.\naab is False.\n(aaa or aab) -> aac.\nDeduce the result of aac.")), Truth::True);
        QCOMPARE(solve(parse("aaa is False.\naab is False.\n(aaa or aab) -> aac.\nDeduce the result of aac.")), Truth::Unknown);
        QCOMPARE(solve(parse("aaa is True.\naab is False.\n(aaa and aab) -> aac.\nDeduce the result of aac.")), Truth::Unknown);
        QCOMPARE(solve(parse("aaa is True.\naab is True.\n(aaa and aab) -> aac.\nDeduce the result of aac.")), Truth::True);
        QCOMPARE(solve(parse("aaa is False.\n(NOT aaa) -> aab.\nDeduce the result of aab.")), Truth::True);
        // NOT of an unknown stays unknown: aab is N/A, so aac is N/A.
        QCOMPARE(solve(parse("aaa is True.\n(NOT aaa) -> aab.\n(NOT aab) -> aac.\nDeduce the result of aac.")), Truth::Unknown);
        // or with one unknown and one true input is true.
        auto all = deduceAll(parse("aaa is True.\n(NOT aaa) -> aab.\naac is True.\naad is False.\n(aac or aad) -> aae.\n"
                                   "(aab or aae) -> aaf.\nDeduce the result of aaf."));
        QCOMPARE(all.at("aab"), Truth::Unknown);
        QCOMPARE(all.at("aaf"), Truth::True);
    }

    void abductiveBackwardPropagation() {
        auto v = abduceAll(parse("\n(aac or aad) -> aae.\n(NOT aaa) -> aab.\n(aab or aae) -> aaf.\nGiven aaf is False, what is the value of aaa?"));
        QCOMPARE(v.at("aab"), Truth::False);
        QCOMPARE(v.at("aaa"), Truth::True);
        QCOMPARE(v.at("aac"), Truth::False);
        QCOMPARE(solve(parse("\n(aaa and aab) -> aac.\nGiven aac is False, what is the value of aab?.")), Truth::Unknown);
        QCOMPARE(solve(parse("\n(aaa or aab) -> aac.\nGiven aac is True, what is the value of aaa?.")), Truth::Unknown);
    }

    // The contract of the brief: all 256 gold labels of the cot files, levels 1-4.
    void reproducesEveryGoldLabel() {
        const std::string root = std::string(REDIT_SHARED_DIR) + "/data/contexthub";
        int total = 0, agree = 0;
        for (int level = 1; level <= 4; ++level)
            for (ReasoningKind kind : {ReasoningKind::Deductive, ReasoningKind::Abductive}) {
                const std::string path = root + "/data_level" + std::to_string(level) + "/" + kindName(kind) + "_logic_cot.json";
                for (const Pattern& p : loadCotFile(path, kind, level)) {
                    ++total;
                    if (solve(p.problem) == p.label) ++agree;
                    else qWarning("%s: solver %s, gold %s", p.id.c_str(), truthName(solve(p.problem)).c_str(), truthName(p.label).c_str());
                }
            }
        qInfo("solver agrees with %d of %d gold labels", agree, total);
        QCOMPARE(total, 256);
        QCOMPARE(agree, 256);
    }

    void formatsBackExactly() {
        const std::string root = std::string(REDIT_SHARED_DIR) + "/data/contexthub";
        for (int level = 1; level <= 4; ++level)
            for (ReasoningKind kind : {ReasoningKind::Deductive, ReasoningKind::Abductive})
                for (const Pattern& p : loadCotFile(root + "/data_level" + std::to_string(level) + "/" + kindName(kind) + "_logic_cot.json", kind, level)) {
                    QCOMPARE(formatLogicProblem(p.problem), p.text);
                    QCOMPARE(p.problem.depth(), level);
                    QVERIFY(p.problem.isComplete());
                }
    }

    void patternGrains() {
        LogicProblem a = parse("aab is True.\naaa is False.\n(aaa or aab) -> aac.\naad is True.\n(NOT aad) -> aae.\n(aac and aae) -> aaf.\nDeduce the result of aaf.");
        LogicProblem b = parse("aad is True.\naaa is True.\naab is True.\n(aaa or aab) -> aac.\n(NOT aad) -> aae.\n(aac and aae) -> aaf.\nDeduce the result of aaf.");
        QVERIFY(patternKey(a, PatternGrain::Exact) != patternKey(b, PatternGrain::Exact));
        QCOMPARE(patternKey(a, PatternGrain::Shape), std::string("and(or(*,*),not(*))"));
        QCOMPARE(patternKey(a, PatternGrain::Shape), patternKey(b, PatternGrain::Shape));
        QCOMPARE(patternKey(a, PatternGrain::Family), std::string("and+not+or"));
        QCOMPARE(structureKey(a), std::string("d:and(or(F,T),not(T))"));
        QVERIFY(structureKey(a) != structureKey(b));
    }

    void malformedProblemsNameFileRecordAndLine_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown line") << "aaa is True.\naaa maybe.\nDeduce the result of aaa." << "t.json: record 0: line 2: 'aaa maybe.'";
        QTest::newRow("bad operator") << "aaa is True.\naab is True.\n(aaa xor aab) -> aac.\nDeduce the result of aac." << "line 3: operator 'xor'";
        QTest::newRow("no question") << "aaa is True.\n(NOT aaa) -> aab." << "no question line";
        QTest::newRow("undefined premise") << "aaa is True.\n(aaa or aab) -> aac.\nDeduce the result of aac." << "premise 'aab' has neither";
        QTest::newRow("two roots") << "aaa is True.\naab is True.\n(NOT aaa) -> aac.\n(NOT aab) -> aad.\nDeduce the result of aad." << "exactly one final conclusion";
        QTest::newRow("cycle") << "aaa is True.\n(NOT aaa) -> aab.\n(NOT aac) -> aad.\n(NOT aad) -> aac.\nDeduce the result of aab." << "cycle";
        QTest::newRow("asks a non-root") << "aaa is True.\n(NOT aaa) -> aab.\n(NOT aab) -> aac.\nDeduce the result of aab." << "not the final conclusion";
        QTest::newRow("abductive asks inner") << "\n(aaa or aab) -> aac.\n(NOT aac) -> aad.\nGiven aad is False, what is the value of aac?" << "not a leaf";
        QTest::newRow("text after question") << "aaa is True.\n(NOT aaa) -> aab.\nDeduce the result of aab.\naaa is True." << "line 4: text after the question";
        QTest::newRow("empty") << "" << "no question line";
    }
    void malformedProblemsNameFileRecordAndLine() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QString message = errorOf(text.toStdString());
        QVERIFY2(message.contains(expected), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestLogicSolver)
#include "test_logic_solver.moc"
