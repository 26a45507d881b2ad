#include <QtTest>

#include <set>
#include <sstream>

#include "data/clean_corrupted.h"
#include "data/contexthub.h"
#include "data/logic_generator.h"
#include "data/logic_solver.h"
#include "data/logic_text.h"

using namespace redit::data;

class TestCleanCorrupted : public QObject {
    Q_OBJECT

    const std::string root_ = std::string(REDIT_SHARED_DIR) + "/data/contexthub";

    static std::vector<std::string> words(const std::string& text) {
        std::istringstream in(text);
        std::vector<std::string> out;
        for (std::string w; in >> w;) out.push_back(w);
        return out;
    }

    static std::string stripPunctuation(std::string w) {
        while (!w.empty() && (w.back() == '.' || w.back() == ',' || w.back() == '?')) w.pop_back();
        return w;
    }

    // The problem with one value flipped, built here independently of the library's pair code.
    static LogicProblem flip(const LogicProblem& p, const std::string& variable) {
        LogicProblem q = p;
        if (p.kind == ReasoningKind::Abductive) {
            q.observedValue = !q.observedValue;
            return q;
        }
        for (Fact& f : q.facts)
            if (f.variable == variable) f.value = !f.value;
        return q;
    }

    static std::vector<std::string> domainsAndAbstract() {
        std::vector<std::string> d = contextHubDomains();
        d.push_back(kAbstractDomain);
        return d;
    }

    static int pairCount(const std::string& text) {
        return int(cleanCorruptedPairs(parseLogicProblem(text, "golden", "problem"), "culture and arts", 1).size());
    }

private slots:
    // Hand-solved level-1 cases: which flips change the label.
    void keepsOnlyFlipsThatChangeTheLabel() {
        // T or F = True; flipping aaa gives N/A (kept), flipping aab keeps True (dropped).
        auto pairs = cleanCorruptedPairs(
            parseLogicProblem("aaa is True.\naab is False.\n(aaa or aab) -> aac.\nDeduce the result of aac.", "g", "1"),
            "mathematics and logic", 4);
        QCOMPARE(int(pairs.size()), 1);
        QCOMPARE(pairs[0].flipped, std::string("aaa"));
        QCOMPARE(pairs[0].clean.label, Truth::True);
        QCOMPARE(pairs[0].corrupted.label, Truth::Unknown);
        // F or F = N/A; either flip makes it True.
        QCOMPARE(pairCount("aaa is False.\naab is False.\n(aaa or aab) -> aac.\nDeduce the result of aac."), 2);
        // T and T = True; either flip makes it N/A.
        QCOMPARE(pairCount("aaa is True.\naab is True.\n(aaa and aab) -> aac.\nDeduce the result of aac."), 2);
        // F and F = N/A; one flip leaves F and T = N/A.
        QCOMPARE(pairCount("aaa is False.\naab is False.\n(aaa and aab) -> aac.\nDeduce the result of aac."), 0);
        // NOT F = True; the flip gives N/A.
        QCOMPARE(pairCount("aaa is False.\n(NOT aaa) -> aab.\nDeduce the result of aab."), 1);
        // Abductive: or observed False makes aab False; observed True makes it N/A.
        auto abductive = cleanCorruptedPairs(
            parseLogicProblem("\n(aaa or aab) -> aac.\nGiven aac is False, what is the value of aab?.", "g", "2"),
            kAbstractDomain, 4);
        QCOMPARE(int(abductive.size()), 1);
        QCOMPARE(abductive[0].flipped, std::string("aac"));
        QCOMPARE(abductive[0].clean.label, Truth::False);
        QCOMPARE(abductive[0].corrupted.label, Truth::Unknown);
        // and observed False makes each conjunct N/A, as does observed True: no pair.
        QCOMPARE(pairCount("\n(aaa and aab) -> aac.\nGiven aac is False, what is the value of aab?."), 0);
    }

    // Every level-1 and level-2 pattern of ContextHub, in every domain: same number of words, exactly one word
    // differs and it is the truth word, both labels are the solver's on independently flipped problems.
    void everyLevelOneAndTwoPatternGivesMinimalPairs() {
        int patterns = 0, pairs = 0;
        for (int level : {1, 2})
            for (const Pattern& pattern : loadContextHub(root_, std::nullopt, level)) {
                ++patterns;
                for (const std::string& domain : domainsAndAbstract()) {
                    for (const CleanCorruptedPair& pair : cleanCorruptedPairs(pattern.problem, domain, std::uint64_t(pairs))) {
                        ++pairs;
                        QCOMPARE(pair.clean.label, pattern.label);
                        QCOMPARE(pair.corrupted.label, solve(flip(pattern.problem, pair.flipped)));
                        QVERIFY(pair.corrupted.label != pair.clean.label);
                        QCOMPARE(pair.clean.bindings, pair.corrupted.bindings);
                        const auto a = words(pair.clean.text), b = words(pair.corrupted.text);
                        QCOMPARE(a.size(), b.size());
                        int differing = 0;
                        for (std::size_t i = 0; i < a.size(); ++i) {
                            if (a[i] == b[i]) continue;
                            ++differing;
                            const std::set<std::string> truthWords = {stripPunctuation(a[i]), stripPunctuation(b[i])};
                            QVERIFY2(truthWords == std::set<std::string>({"true", "false"}) ||
                                         truthWords == std::set<std::string>({"True", "False"}),
                                     (a[i] + " / " + b[i]).c_str());
                        }
                        QCOMPARE(differing, 1);
                        if (domain == kAbstractDomain)  // the corrupted text itself parses to the flipped problem
                            QCOMPARE(solve(parseLogicProblem(pair.corrupted.text, "corrupted", pattern.id)), pair.corrupted.label);
                    }
                }
            }
        QCOMPARE(patterns, 10 + 6 + 40 + 40);
        QVERIFY(pairs > patterns);
    }
};

QTEST_GUILESS_MAIN(TestCleanCorrupted)
#include "test_clean_corrupted.moc"
