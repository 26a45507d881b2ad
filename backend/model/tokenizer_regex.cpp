#include "model/tokenizer_regex.h"

#include <stdexcept>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "model/tokenizer_utf8.h"
#include "util/error.h"

namespace redit::tok {

namespace {

std::string pcre2Message(int code) {
    PCRE2_UCHAR buffer[256];
    int length = pcre2_get_error_message(code, buffer, sizeof buffer);
    return length < 0 ? "PCRE2 error " + std::to_string(code) : std::string(reinterpret_cast<char*>(buffer));
}

}  // namespace

Regex::Regex(const std::string& pattern, bool literal) {
    int error = 0;
    PCRE2_SIZE offset = 0;
    const uint32_t options = PCRE2_UTF | (literal ? PCRE2_LITERAL : PCRE2_UCP);  // PCRE2 rejects LITERAL | UCP
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), options,
                                     &error, &offset, nullptr);
    if (!code) {
        throw std::invalid_argument(pcre2Message(error) + " at offset " + std::to_string(offset));
    }
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);  // falls back to the interpreter where JIT is unavailable
    code_.reset(code, pcre2_code_free);
}

std::vector<Span> Regex::findAll(std::string_view text) const {
    std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)> match(
        pcre2_match_data_create_from_pattern(code_.get(), nullptr), pcre2_match_data_free);
    if (!match) throw std::bad_alloc();
    std::vector<Span> spans;
    const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
    std::size_t offset = 0;
    while (offset < text.size()) {
        // The caller guarantees valid UTF-8, and offset always lies on a character boundary.
        const int rc = pcre2_match(code_.get(), subject, text.size(), offset, PCRE2_NO_UTF_CHECK, match.get(),
                                   nullptr);
        if (rc == PCRE2_ERROR_NOMATCH) break;
        if (rc < 0) throw Error("regular expression match failed: " + pcre2Message(rc));
        const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(match.get());
        const std::size_t begin = ovector[0], end = ovector[1];
        if (end > begin) {
            spans.push_back({begin, end});
            offset = end;
        } else {
            // An empty match: move on by one character.
            const std::size_t at = std::max(offset, end);
            if (at >= text.size()) break;
            offset = at + utf8CharLength(static_cast<unsigned char>(text[at]));
        }
    }
    return spans;
}

}  // namespace redit::tok
