#pragma once
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

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

}  // namespace redit::data
