#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct pcre2_real_code_8;

namespace redit::tok {

struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
};

// A PCRE2 pattern (UTF-8, Unicode properties, JIT-compiled when available), shared by copies.
// Matching is thread-safe.
class Regex {
public:
    // literal: the pattern is a plain string. Throws std::invalid_argument with PCRE2's message and the
    // offset of the error in the pattern.
    Regex(const std::string& pattern, bool literal);

    // The non-empty matches in valid UTF-8 text, left to right, without overlap.
    std::vector<Span> findAll(std::string_view text) const;

private:
    std::shared_ptr<pcre2_real_code_8> code_;
};

}  // namespace redit::tok
