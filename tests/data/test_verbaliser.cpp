#include <QtTest>

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "data/lexicon.h"
#include "data/logic_generator.h"
#include "data/logic_solver.h"
#include "data/logic_text.h"
#include "data/pattern_identity.h"
#include "data/verbaliser.h"
#include "util/error.h"

using namespace redit::data;

class TestVerbaliser : public QObject {
    Q_OBJECT

    static std::vector<std::string> allDomains() {
        std::vector<std::string> d = contextHubDomains();
        d.push_back(kAbstractDomain);
        return d;
    }

    static std::string lower(std::string s) {
        for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
        return s;
    }

    static std::vector<LogicProblem> levelOneAndTwo() {
        std::vector<LogicProblem> all;
        for (ReasoningKind kind : {ReasoningKind::Deductive, ReasoningKind::Abductive})
            for (int level : {1, 2})
                for (LogicProblem& p : enumerateProblems(kind, level)) all.push_back(std::move(p));
        return all;
    }

private slots:
    void lexiconCoversExactlyTheContextHubDomains() {
        for (const std::string& domain : contextHubDomains())
            QVERIFY2(domainPropositions(domain).size() >= 40, domain.c_str());
        QVERIFY_THROWS_EXCEPTION(redit::ConfigError, domainPropositions("astrology"));
        QVERIFY_THROWS_EXCEPTION(redit::ConfigError, domainPropositions(kAbstractDomain));
    }

    // Across all domains (case-insensitive): no proposition is a substring of another, none uses a word of the
    // frames' logic (or, and, not, true, false), and none has punctuation that could end a sentence.
    void propositionsCannotLeak() {
        std::vector<std::string> all;
        for (const std::string& domain : contextHubDomains())
            for (const std::string& p : domainPropositions(domain)) all.push_back(lower(p));
        QCOMPARE(std::set<std::string>(all.begin(), all.end()).size(), all.size());
        for (const std::string& a : all) {
            for (const std::string& b : all)
                if (&a != &b) QVERIFY2(b.find(a) == std::string::npos, (a + " in " + b).c_str());
            std::istringstream words(a);
            for (std::string w; words >> w;)
                QVERIFY2(w != "or" && w != "and" && w != "not" && w.find("true") == std::string::npos &&
                             w.find("false") == std::string::npos,
                         a.c_str());
            QVERIFY2(std::all_of(a.begin(), a.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == ' ' || c == '-'; }),
                     a.c_str());
        }
    }

    // aaa is True, aab is False, (aaa or aab) -> aac: each line must be one of the frames with its bindings.
    void domainTextUsesTheFramesAndBindings() {
        LogicProblem p = parseLogicProblem("aaa is True.\naab is False.\n(aaa or aab) -> aac.\nDeduce the result of aac.", "t", "r");
        for (std::uint64_t seed = 0; seed < 20; ++seed) {
            Instance inst = verbalise(p, "health and fitness", seed);
            const auto& b = inst.bindings;
            QCOMPARE(int(b.size()), 3);
            QCOMPARE(inst.label, Truth::True);
            QCOMPARE(inst.domain, std::string("health and fitness"));
            const auto& lexicon = domainPropositions("health and fitness");
            std::set<std::string> distinct;
            for (const auto& [variable, proposition] : b) {
                QVERIFY(std::find(lexicon.begin(), lexicon.end(), proposition) != lexicon.end());
                distinct.insert(proposition);
            }
            QCOMPARE(int(distinct.size()), 3);
            QStringList lines = QString::fromStdString(inst.text).split('\n');
            QCOMPARE(lines.size(), 4);
            auto q = [&](const std::string& v) { return QString::fromStdString(b.at(v)); };
            QVERIFY2(lines[0] == "It is true that " + q("aaa") + "." || lines[0] == "The statement that " + q("aaa") + " is true.",
                     qPrintable(lines[0]));
            QVERIFY2(lines[1] == "It is false that " + q("aab") + "." || lines[1] == "The statement that " + q("aab") + " is false.",
                     qPrintable(lines[1]));
            const QString premise = q("aaa") + " or " + q("aab");
            QVERIFY2(lines[2] == "If " + premise + ", then " + q("aac") + "." ||
                         lines[2] == "Whenever " + premise + ", it follows that " + q("aac") + "." ||
                         lines[2] == "We know that if " + premise + ", then " + q("aac") + ".",
                     qPrintable(lines[2]));
            QVERIFY2(lines[3].endsWith(q("aac") + "?"), qPrintable(lines[3]));
            QVERIFY(!inst.text.empty() && inst.text.find("aaa") == std::string::npos);
        }
    }

    void seededAndDeterministic() {
        LogicProblem p = enumerateProblems(ReasoningKind::Abductive, 2).back();
        QCOMPARE(verbalise(p, "people and self", 9).text, verbalise(p, "people and self", 9).text);
        std::set<std::string> texts;
        for (std::uint64_t seed = 0; seed < 10; ++seed) texts.insert(verbalise(p, "people and self", seed).text);
        QVERIFY(texts.size() > 5);
    }

    // Every level-1 and level-2 problem has a variant in every domain, with distinct bindings for all its
    // variables, each of which appears in the text; the label is the solver's.
    void everyPatternHasVariantsInEveryDomain() {
        int variants = 0;
        for (const LogicProblem& p : levelOneAndTwo())
            for (const std::string& domain : allDomains()) {
                Instance inst = verbalise(p, domain, std::uint64_t(variants));
                const std::vector<std::string> variables = p.postOrder();
                QCOMPARE(inst.bindings.size(), variables.size());
                std::set<std::string> values;
                for (const auto& [variable, value] : inst.bindings) {
                    values.insert(value);
                    QVERIFY(inst.text.find(value) != std::string::npos);
                }
                QCOMPARE(values.size(), variables.size());
                QCOMPARE(inst.label, solve(p));
                ++variants;
            }
        QCOMPARE(variants, (10 + 210 + 10 + 130) * 12);
    }

    // Abstract variants are problems of the same structure under random names: parsing the text back gives the
    // same structure key and the same label (an independent path through the parser and solver).
    void abstractVariantsParseBackToTheSameProblem() {
        GeneratorOptions o;
        o.level = 4;
        o.count = 4;
        o.seed = 3;
        std::vector<LogicProblem> problems = levelOneAndTwo();
        for (LogicProblem& p : generateProblems(o)) problems.push_back(std::move(p));
        for (std::size_t i = 0; i < problems.size(); ++i) {
            const LogicProblem& p = problems[i];
            Instance inst = verbalise(p, kAbstractDomain, i);
            for (const auto& [variable, name] : inst.bindings) QVERIFY(name.size() >= 2 && name.size() <= 5);
            LogicProblem back = parseLogicProblem(inst.text, "abstract", std::to_string(i));
            QCOMPARE(structureKey(back), structureKey(p));
            QCOMPARE(solve(back), inst.label);
            QCOMPARE(inst.label, solve(p));
        }
    }

    void levelFourFitsEveryDomain() {
        GeneratorOptions o;
        o.kind = ReasoningKind::Abductive;
        o.level = 4;
        o.count = 3;
        LogicProblem widest;
        for (const LogicProblem& p : generateProblems(o))
            if (p.postOrder().size() > widest.postOrder().size() || widest.root.empty()) widest = p;
        for (const std::string& domain : contextHubDomains())
            QCOMPARE(verbalise(widest, domain, 1).bindings.size(), widest.postOrder().size());
    }
};

QTEST_GUILESS_MAIN(TestVerbaliser)
#include "test_verbaliser.moc"
