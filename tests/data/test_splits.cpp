#include <QtTest>

#include <set>

#include "data/splits.h"
#include "data/synthetic_dataset.h"
#include "util/error.h"

using namespace redit::data;

class TestSplits : public QObject {
    Q_OBJECT

    static std::vector<Pattern> dataset() {
        SyntheticOptions o;
        o.level = 1;
        o.perDomain = 2;
        return syntheticDataset(o);
    }

    static std::set<std::string> asSet(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

    static bool allIn(const std::vector<Instance>& instances, const std::vector<std::string>& domains) {
        for (const Instance& inst : instances)
            if (asSet(domains).count(inst.domain) == 0) return false;
        return true;
    }

private slots:
    void rolesAreDomainDisjointAndCoverEveryDomain() {
        for (const PatternSplit& s : splitPatterns(dataset(), SplitOptions{})) {
            QCOMPARE(int(s.trainDomains.size()), 6);
            QCOMPARE(int(s.revisionDomains.size()), 2);
            QCOMPARE(int(s.testDomains.size()), 3);
            std::set<std::string> all = asSet(s.trainDomains);
            all.insert(s.revisionDomains.begin(), s.revisionDomains.end());
            all.insert(s.testDomains.begin(), s.testDomains.end());
            QCOMPARE(all, asSet(contextHubDomains()));  // 11 distinct domains: disjoint and every one used
            QCOMPARE(int(s.train.size()), 12);
            QCOMPARE(int(s.revision.size()), 4);
            QCOMPARE(int(s.test.size()), 6);
            QCOMPARE(int(s.probe.size()), 2);
            QVERIFY(allIn(s.train, s.trainDomains));
            QVERIFY(allIn(s.revision, s.revisionDomains));
            QVERIFY(allIn(s.test, s.testDomains));
            for (const Instance& inst : s.probe) QCOMPARE(inst.domain, std::string(kAbstractDomain));
        }
    }

    void reproducibleAndSeeded() {
        const std::vector<Pattern> patterns = dataset();
        SplitOptions o;
        o.seed = 5;
        auto a = splitPatterns(patterns, o), b = splitPatterns(patterns, o);
        bool seedMatters = false, patternsDiffer = false;
        o.seed = 6;
        auto c = splitPatterns(patterns, o);
        for (std::size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].trainDomains, b[i].trainDomains);
            QCOMPARE(a[i].testDomains, b[i].testDomains);
            seedMatters = seedMatters || a[i].testDomains != c[i].testDomains;
            patternsDiffer = patternsDiffer || a[i].testDomains != a[0].testDomains;
        }
        QVERIFY(seedMatters);
        QVERIFY(patternsDiffer);
        // A pattern's split does not depend on the other patterns in the list.
        o.seed = 5;
        QCOMPARE(splitPattern(patterns[3], o).testDomains, a[3].testDomains);
    }

    // Fold f tests the three domains after fold f-1's; four folds test every domain.
    void foldsRotateTheDomains() {
        const Pattern pattern = dataset().front();
        SplitOptions o;
        QCOMPARE(foldCount(o), std::size_t(4));
        std::set<std::string> tested;
        std::vector<std::string> previous;
        for (std::size_t f = 0; f < foldCount(o); ++f) {
            o.fold = f;
            PatternSplit s = splitPattern(pattern, o);
            if (!previous.empty()) {
                QVERIFY(s.testDomains != previous);
                QCOMPARE(s.revisionDomains.back(), previous.back());  // the rotation moves every role by three
            }
            tested.insert(s.testDomains.begin(), s.testDomains.end());
            previous = s.testDomains;
        }
        QCOMPARE(tested, asSet(contextHubDomains()));
        o.fold = 11;  // a full turn
        SplitOptions zero;
        QCOMPARE(splitPattern(pattern, o).testDomains, splitPattern(pattern, zero).testDomains);
    }

    void instancesWithoutDomainAreInNoPart() {
        Pattern p = dataset().front();
        Instance chat;
        chat.text = "recovered";
        p.instances.push_back(chat);
        PatternSplit s = splitPattern(p, SplitOptions{});
        QCOMPARE(s.train.size() + s.revision.size() + s.test.size() + s.probe.size(), p.instances.size() - 1);
    }

    void badSizesAreConfigErrors() {
        SplitOptions o;
        o.trainDomains = 7;
        QVERIFY_THROWS_EXCEPTION(redit::ConfigError, splitPattern(dataset().front(), o));
        o.trainDomains = 6;
        o.testDomains = 0;
        QVERIFY_THROWS_EXCEPTION(redit::ConfigError, foldCount(o));
    }
};

QTEST_GUILESS_MAIN(TestSplits)
#include "test_splits.moc"
