#pragma once
// Contrastive tasks for circuit reshaping (docs/method.md section 7): a task is A anchors, each with one positive
// of its own pattern (from another domain when the pattern's pool has one) and M negatives from other
// patterns. Task t of meta-iteration k depends only on (seed, k, t) and the pools, so a run resumed at
// iteration k draws the same tasks as one that never stopped, on every platform (data/random.h).
#include <cstdint>
#include <string>
#include <vector>

namespace redit {

// One clean/corrupted pair of a pool: pattern index and index within that pattern's pool.
struct PairRef {
    std::size_t pattern = 0;
    std::size_t pair = 0;
    bool operator==(const PairRef& o) const { return pattern == o.pattern && pair == o.pair; }
};

struct ContrastiveAnchor {
    PairRef anchor;
    PairRef positive;
    std::vector<PairRef> negatives;
};

using ContrastiveTask = std::vector<ContrastiveAnchor>;

class ContrastiveSampler {
public:
    // poolDomains[p][i]: the domain of pair i of pattern p (pools may be empty). ConfigError when anchors or
    // negatives per anchor are below 1, no pattern has two pairs (no positive) or fewer than two patterns
    // have pairs (no negative).
    ContrastiveSampler(std::vector<std::vector<std::string>> poolDomains, int64_t anchorsPerTask,
                       int64_t negativesPerAnchor, std::uint64_t seed);

    // The anchors' patterns are a shuffle of the patterns with at least two pairs (cycled when A exceeds
    // them), so a task contrasts as many different patterns as it can; pairs and negative patterns are
    // uniform draws.
    ContrastiveTask task(int64_t iteration, int64_t taskIndex) const;

private:
    std::vector<std::vector<std::string>> domains_;
    std::vector<std::size_t> anchorPatterns_;  // patterns with a positive for every anchor
    int64_t anchors_, negatives_;
    std::uint64_t seed_;
};

}  // namespace redit
