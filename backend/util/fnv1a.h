#pragma once
// FNV-1a, 64 bit: the one stable (platform- and run-independent) hash of the project, for content hashes
// (results/provenance.h) and seeds derived from text (data/random.h).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace redit {

class Fnv1a {
public:
    void add(const std::uint8_t* data, std::size_t size) {
        for (std::size_t i = 0; i < size; ++i) hash_ = (hash_ ^ data[i]) * 0x100000001b3ull;
    }
    void add(std::string_view bytes) { add(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()); }
    // The text and a separator after it, so ("ab", "c") and ("a", "bc") differ.
    void addField(std::string_view text) {
        add(text);
        add(reinterpret_cast<const std::uint8_t*>("\0"), 1);
    }
    std::uint64_t value() const { return hash_; }
    std::string hex() const {
        char out[17];
        std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash_));
        return out;
    }

private:
    std::uint64_t hash_ = 0xcbf29ce484222325ull;
};

}  // namespace redit
