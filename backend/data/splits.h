#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "data/pattern.h"

namespace redit::data {

// Domain-disjoint splits of each pattern's instances (docs/method.md section 2).
struct SplitOptions {
    std::size_t trainDomains = 6;     // circuit finding and reshaping
    std::size_t revisionDomains = 2;  // the edit data
    std::size_t testDomains = 3;      // generality
    std::uint64_t seed = 0;
    std::size_t fold = 0;  // rotates the domains through the roles
};

struct PatternSplit {
    std::string patternId;
    std::vector<std::string> trainDomains, revisionDomains, testDomains;
    std::vector<Instance> train, revision, test;
    std::vector<Instance> probe;  // the abstract variants
};

// Per pattern, the eleven ContextHub domains are shuffled by a stream of the seed keyed by the pattern id
// (so a pattern's split does not depend on which other patterns are split), rotated left by
// fold x testDomains, and dealt out in order: train, revision, test. Fold f therefore tests the next
// testDomains domains after fold f-1's; foldCount folds test every domain at least once. Domains beyond the
// three sizes are unused. Instances without a ContextHub domain (the recovered level-3 chat instances) are in
// no part. Throws ConfigError when testDomains is 0 or the sizes add up to more than eleven.
PatternSplit splitPattern(const Pattern& pattern, const SplitOptions& options);
std::vector<PatternSplit> splitPatterns(const std::vector<Pattern>& patterns, const SplitOptions& options);

// Folds needed for every domain to be a test domain at least once: ceil(11 / testDomains).
std::size_t foldCount(const SplitOptions& options);

}  // namespace redit::data
