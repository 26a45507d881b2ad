// Contrastive task sampling: same tasks for the same (seed, iteration, task), different ones otherwise;
// positives share the anchor's pattern and prefer another domain; negatives come from other patterns; bad
// pools are refused.
#include <QtTest>

#include <set>

#include "reshape/contrastive_sampler.h"
#include "util/error.h"

using namespace redit;

namespace {

// Pattern 0: two domains; pattern 1: one domain only; pattern 2: a single pair; pattern 3: empty.
std::vector<std::vector<std::string>> pools() {
    return {{"a", "a", "b", "b", "a"}, {"c", "c", "c"}, {"d"}, {}};
}

bool sameTask(const ContrastiveTask& x, const ContrastiveTask& y) {
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!(x[i].anchor == y[i].anchor) || !(x[i].positive == y[i].positive) || x[i].negatives != y[i].negatives)
            return false;
    return true;
}

}  // namespace

class TestContrastiveSampler : public QObject {
    Q_OBJECT
private slots:
    void deterministicPerSeedIterationAndTask() {
        const ContrastiveSampler s(pools(), 3, 4, 11), again(pools(), 3, 4, 11), other(pools(), 3, 4, 12);
        QVERIFY(sameTask(s.task(5, 2), again.task(5, 2)));
        QVERIFY(!sameTask(s.task(5, 2), s.task(5, 3)) || !sameTask(s.task(5, 2), s.task(6, 2)));
        int differing = 0;
        for (int64_t k = 0; k < 10; ++k) differing += !sameTask(s.task(k, 0), other.task(k, 0));
        QVERIFY(differing > 0);
    }

    void tasksRespectTheConstraints() {
        const auto domains = pools();
        const ContrastiveSampler s(domains, 3, 4, 1);
        std::set<std::size_t> anchorPatterns;
        for (int64_t k = 0; k < 50; ++k) {
            const ContrastiveTask task = s.task(k, 0);
            QCOMPARE(task.size(), std::size_t(3));
            // Only patterns 0 and 1 have a positive; with three anchors both appear.
            std::set<std::size_t> inTask;
            for (const ContrastiveAnchor& c : task) {
                inTask.insert(c.anchor.pattern);
                QVERIFY(c.anchor.pattern == 0 || c.anchor.pattern == 1);
                QCOMPARE(c.positive.pattern, c.anchor.pattern);
                QVERIFY(c.positive.pair != c.anchor.pair);
                const auto& pool = domains[c.anchor.pattern];
                if (c.anchor.pattern == 0) QVERIFY(pool[c.positive.pair] != pool[c.anchor.pair]);
                QCOMPARE(c.negatives.size(), std::size_t(4));
                for (const PairRef& n : c.negatives) {
                    QVERIFY(n.pattern != c.anchor.pattern);
                    QVERIFY(n.pattern != 3);
                    QVERIFY(n.pair < domains[n.pattern].size());
                }
                anchorPatterns.insert(c.anchor.pattern);
            }
            QCOMPARE(inTask.size(), std::size_t(2));
        }
        QCOMPARE(anchorPatterns.size(), std::size_t(2));
    }

    void refusesPoolsWithoutPositivesOrNegatives() {
        QVERIFY_THROWS_EXCEPTION(ConfigError, ContrastiveSampler({{"a"}, {"b"}}, 1, 1, 0));
        QVERIFY_THROWS_EXCEPTION(ConfigError, ContrastiveSampler({{"a", "b"}, {}}, 1, 1, 0));
        QVERIFY_THROWS_EXCEPTION(ConfigError, ContrastiveSampler(pools(), 0, 1, 0));
        QVERIFY_THROWS_EXCEPTION(ConfigError, ContrastiveSampler(pools(), 1, 0, 0));
    }
};

QTEST_APPLESS_MAIN(TestContrastiveSampler)
#include "test_contrastive_sampler.moc"
