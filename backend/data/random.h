#pragma once
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "util/fnv1a.h"

namespace redit::data {

// Seeded randomness that gives the same stream on every standard library: std::mt19937_64 is specified
// exactly, the std distributions are not, so the draws below are written out.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : engine_(seed) {}

    // Uniform in [0, n) by rejection (no modulo bias); n must be positive.
    std::uint64_t below(std::uint64_t n) {
        const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
        std::uint64_t x;
        do x = engine_(); while (x >= limit);
        return x % n;
    }
    bool coin() { return below(2) == 1; }

    template <class T>
    void shuffle(std::vector<T>& v) {  // Fisher-Yates
        for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
    }

private:
    std::mt19937_64 engine_;
};

// Independent sub-seeds from one user seed (splitmix64), e.g. one stream per pattern, domain and instance.
inline std::uint64_t mixSeed(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ull * (stream + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

// FNV-1a: a hash of a string that is the same on every platform (std::hash is not).
inline std::uint64_t stableHash(const std::string& text) {
    Fnv1a h;
    h.add(text);
    return h.value();
}

}  // namespace redit::data
