#include "model/tokenizer_utf8.h"

#include <climits>

#include <unicode/utf8.h>

#include "util/error.h"

namespace redit::tok {

namespace {

// Calls visit(start, end, valid) for each character or ill-formed subsequence, in order, until it returns false.
template <typename Visit>
void walkUtf8(std::string_view text, Visit&& visit) {
    // ICU's macros index with int32_t.
    if (text.size() > static_cast<std::size_t>(INT32_MAX)) throw Error("text is longer than 2 GiB");
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    int32_t i = 0;
    while (i < length) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (!visit(std::size_t(start), std::size_t(i), c >= 0)) return;
    }
}

}  // namespace

std::optional<std::size_t> firstInvalidUtf8(std::string_view text) {
    std::optional<std::size_t> bad;
    walkUtf8(text, [&](std::size_t start, std::size_t, bool valid) {
        if (!valid) bad = start;
        return valid;
    });
    return bad;
}

std::string toValidUtf8(std::string_view bytes) {
    if (!firstInvalidUtf8(bytes)) return std::string(bytes);
    std::string out;
    out.reserve(bytes.size() + 8);
    walkUtf8(bytes, [&](std::size_t start, std::size_t end, bool valid) {
        if (valid) {
            out.append(bytes.substr(start, end - start));
        } else {
            out.append("\xEF\xBF\xBD");  // U+FFFD
        }
        return true;
    });
    return out;
}

}  // namespace redit::tok
