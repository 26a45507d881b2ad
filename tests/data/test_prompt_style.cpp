#include <QtTest>

#include "data/prompt_style.h"

using namespace redit::data;

class TestPromptStyle : public QObject {
    Q_OBJECT

private slots:
    void pretrainedMatchesTheReferencePrompt() {
        PromptStyle s = pretrainedPromptStyle();
        QCOMPARE(s.prompt("aaa is True.\n(NOT aaa) -> aab.\nDeduce the result of aab."),
                 std::string("aaa is True.\n(NOT aaa) -> aab.\nDeduce the result of aab. (Answer only in True, False, or N/A (Neither)). Answer:"));
        QCOMPARE(s.answer(Truth::True), std::string(" True"));
        QCOMPARE(s.answer(Truth::False), std::string(" False"));
        QCOMPARE(s.answer(Truth::Unknown), std::string(" N"));
    }

    void demoUsesWholeWords() {
        PromptStyle s = demoPromptStyle();
        QCOMPARE(s.prompt("x"), std::string("x\nAnswer:"));
        QCOMPARE(s.answer(Truth::Unknown), std::string("N"));
        QCOMPARE(s.answer(Truth::True), std::string("True"));
    }
};

QTEST_GUILESS_MAIN(TestPromptStyle)
#include "test_prompt_style.moc"
