#include "data/splits.h"

#include <algorithm>

#include "data/random.h"
#include "util/error.h"

namespace redit::data {

namespace {

void checkSizes(const SplitOptions& o) {
    const std::size_t n = contextHubDomains().size();
    if (o.testDomains == 0) throw ConfigError("a split needs at least one test domain");
    if (o.trainDomains + o.revisionDomains + o.testDomains > n)
        throw ConfigError("split sizes " + std::to_string(o.trainDomains) + "/" + std::to_string(o.revisionDomains) + "/" +
                          std::to_string(o.testDomains) + " need more than the " + std::to_string(n) + " domains");
}

}  // namespace

PatternSplit splitPattern(const Pattern& pattern, const SplitOptions& o) {
    checkSizes(o);
    std::vector<std::string> domains = contextHubDomains();
    Rng rng(mixSeed(o.seed, stableHash(pattern.id)));
    rng.shuffle(domains);
    std::rotate(domains.begin(), domains.begin() + static_cast<std::ptrdiff_t>((o.fold * o.testDomains) % domains.size()),
                domains.end());
    PatternSplit split;
    split.patternId = pattern.id;
    auto deal = [&](std::size_t from, std::size_t count) {
        return std::vector<std::string>(domains.begin() + static_cast<std::ptrdiff_t>(from),
                                        domains.begin() + static_cast<std::ptrdiff_t>(from + count));
    };
    split.trainDomains = deal(0, o.trainDomains);
    split.revisionDomains = deal(o.trainDomains, o.revisionDomains);
    split.testDomains = deal(o.trainDomains + o.revisionDomains, o.testDomains);
    auto in = [](const std::vector<std::string>& set, const std::string& d) {
        return std::find(set.begin(), set.end(), d) != set.end();
    };
    for (const Instance& inst : pattern.instances) {
        if (inst.domain == kAbstractDomain) split.probe.push_back(inst);
        else if (in(split.trainDomains, inst.domain)) split.train.push_back(inst);
        else if (in(split.revisionDomains, inst.domain)) split.revision.push_back(inst);
        else if (in(split.testDomains, inst.domain)) split.test.push_back(inst);
    }
    return split;
}

std::vector<PatternSplit> splitPatterns(const std::vector<Pattern>& patterns, const SplitOptions& options) {
    std::vector<PatternSplit> out;
    out.reserve(patterns.size());
    for (const Pattern& p : patterns) out.push_back(splitPattern(p, options));
    return out;
}

std::size_t foldCount(const SplitOptions& options) {
    checkSizes(options);
    const std::size_t n = contextHubDomains().size();
    return (n + options.testDomains - 1) / options.testDomains;
}

}  // namespace redit::data
