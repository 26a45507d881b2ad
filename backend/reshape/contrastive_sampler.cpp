#include "reshape/contrastive_sampler.h"

#include "data/random.h"
#include "util/error.h"

namespace redit {

ContrastiveSampler::ContrastiveSampler(std::vector<std::vector<std::string>> poolDomains, int64_t anchorsPerTask,
                                       int64_t negativesPerAnchor, std::uint64_t seed)
    : domains_(std::move(poolDomains)), anchors_(anchorsPerTask), negatives_(negativesPerAnchor), seed_(seed) {
    if (anchors_ < 1) throw ConfigError("a contrastive task needs at least one anchor");
    if (negatives_ < 1) throw ConfigError("a contrastive anchor needs at least one negative");
    std::size_t withPairs = 0;
    for (std::size_t p = 0; p < domains_.size(); ++p) {
        if (!domains_[p].empty()) ++withPairs;
        if (domains_[p].size() >= 2) anchorPatterns_.push_back(p);
    }
    if (anchorPatterns_.empty()) throw ConfigError("contrastive tasks need a pattern with at least two pairs");
    if (withPairs < 2) throw ConfigError("contrastive tasks need pairs of at least two patterns");
}

ContrastiveTask ContrastiveSampler::task(int64_t iteration, int64_t taskIndex) const {
    data::Rng rng(data::mixSeed(data::mixSeed(seed_, std::uint64_t(iteration)), std::uint64_t(taskIndex)));
    std::vector<std::size_t> order = anchorPatterns_;
    rng.shuffle(order);
    ContrastiveTask task;
    for (int64_t a = 0; a < anchors_; ++a) {
        ContrastiveAnchor c;
        const std::size_t p = order[std::size_t(a) % order.size()];
        const std::vector<std::string>& pool = domains_[p];
        c.anchor = {p, rng.below(pool.size())};
        std::vector<std::size_t> otherDomain, samePattern;
        for (std::size_t i = 0; i < pool.size(); ++i) {
            if (i == c.anchor.pair) continue;
            samePattern.push_back(i);
            if (pool[i] != pool[c.anchor.pair]) otherDomain.push_back(i);
        }
        const std::vector<std::size_t>& positives = otherDomain.empty() ? samePattern : otherDomain;
        c.positive = {p, positives[rng.below(positives.size())]};
        std::vector<std::size_t> others;
        for (std::size_t q = 0; q < domains_.size(); ++q)
            if (q != p && !domains_[q].empty()) others.push_back(q);
        for (int64_t m = 0; m < negatives_; ++m) {
            const std::size_t q = others[rng.below(others.size())];
            c.negatives.push_back({q, rng.below(domains_[q].size())});
        }
        task.push_back(std::move(c));
    }
    return task;
}

}  // namespace redit
