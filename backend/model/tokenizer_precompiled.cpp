#include "model/tokenizer_precompiled.h"

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <memory>

#include "model/tokenizer_utf8.h"
#include "util/error.h"

namespace redit::tok {
namespace {

// Standard base64 with padding, as serde writes the charsmap. Hand-written: none of the project's libraries
// decodes base64, and this is all that is needed.
std::optional<std::string> decodeBase64(const std::string& text) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == '/') return 63;
        return -1;
    };
    if (text.size() % 4 != 0) return std::nullopt;
    std::string out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        int v[4];
        int padding = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = text[i + std::size_t(k)];
            if (c == '=' && i + 4 == text.size() && k >= 2) {
                v[k] = 0;
                ++padding;
            } else if (padding > 0 || (v[k] = value(c)) < 0) {
                return std::nullopt;
            }
        }
        const uint32_t bits = uint32_t(v[0]) << 18 | uint32_t(v[1]) << 12 | uint32_t(v[2]) << 6 | uint32_t(v[3]);
        out.push_back(char(bits >> 16));
        if (padding < 2) out.push_back(char(bits >> 8 & 0xFF));
        if (padding < 1) out.push_back(char(bits & 0xFF));
    }
    return out;
}

// darts-clone's unit layout.
bool hasLeaf(uint32_t unit) { return (unit >> 8 & 1) == 1; }
uint32_t valueOf(uint32_t unit) { return unit & ((1u << 31) - 1); }
uint32_t labelOf(uint32_t unit) { return unit & ((1u << 31) | 0xFF); }
uint32_t offsetOf(uint32_t unit) { return (unit >> 10) << ((unit & (1u << 9)) >> 6); }

struct BreakIteratorCloser {
    void operator()(UBreakIterator* it) const { ubrk_close(it); }
};
struct TextCloser {
    void operator()(UText* text) const { utext_close(text); }
};

}  // namespace

PrecompiledCharsmap PrecompiledCharsmap::parse(const std::string& base64, const std::string& file,
                                               const std::string& where) {
    const std::optional<std::string> blob = decodeBase64(base64);
    if (!blob) throw FileError(file, where + ": precompiled_charsmap is not valid base64");
    auto u32 = [&](std::size_t at) {
        return uint32_t(uint8_t((*blob)[at])) | uint32_t(uint8_t((*blob)[at + 1])) << 8 |
               uint32_t(uint8_t((*blob)[at + 2])) << 16 | uint32_t(uint8_t((*blob)[at + 3])) << 24;
    };
    if (blob->size() < 4) throw FileError(file, where + ": precompiled_charsmap is shorter than its 4-byte trie size");
    const uint64_t trieBytes = u32(0);
    if (trieBytes % 4 != 0 || 4 + trieBytes > blob->size() || trieBytes == 0)
        throw FileError(file, where + ": precompiled_charsmap's trie of " + std::to_string(trieBytes) +
                                  " bytes does not fit its " + std::to_string(blob->size()) + " bytes");
    PrecompiledCharsmap map;
    for (std::size_t at = 4; at < 4 + trieBytes; at += 4) map.units_.push_back(u32(at));
    map.replacements_ = blob->substr(std::size_t(4 + trieBytes));
    if (firstInvalidUtf8(map.replacements_))
        throw FileError(file, where + ": precompiled_charsmap's replacements are not valid UTF-8");
    return map;
}

std::optional<std::string_view> PrecompiledCharsmap::replacement(std::string_view chunk) const {
    std::size_t node = 0;
    uint32_t unit = units_[0];
    node ^= offsetOf(unit);
    for (unsigned char c : chunk) {
        if (c == 0) break;
        node ^= c;
        if (node >= units_.size()) return std::nullopt;  // a damaged trie: no match
        unit = units_[node];
        if (labelOf(unit) != c) return std::nullopt;
        node ^= offsetOf(unit);
        if (node >= units_.size()) return std::nullopt;
        if (hasLeaf(unit)) {  // the shortest prefix found is the one used
            const std::size_t begin = valueOf(units_[node]);
            if (begin > replacements_.size()) return std::nullopt;
            const std::size_t end = replacements_.find('\0', begin);
            return std::string_view(replacements_).substr(begin, (end == std::string::npos ? replacements_.size() : end) - begin);
        }
    }
    return std::nullopt;
}

std::string PrecompiledCharsmap::normalize(std::string_view text) const {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UText, TextCloser> utext(utext_openUTF8(nullptr, text.data(), int64_t(text.size()), &status));
    std::unique_ptr<UBreakIterator, BreakIteratorCloser> graphemes(ubrk_open(UBRK_CHARACTER, nullptr, nullptr, 0, &status));
    if (U_SUCCESS(status)) ubrk_setUText(graphemes.get(), utext.get(), &status);
    if (U_FAILURE(status)) throw Error(std::string("ICU cannot split text into graphemes: ") + u_errorName(status));
    std::string out;
    out.reserve(text.size());
    // UText over UTF-8 reports native (byte) indexes.
    for (int32_t begin = ubrk_first(graphemes.get()), end = ubrk_next(graphemes.get()); end != UBRK_DONE;
         begin = end, end = ubrk_next(graphemes.get())) {
        const std::string_view grapheme = text.substr(std::size_t(begin), std::size_t(end - begin));
        if (grapheme.size() < 6) {
            if (const std::optional<std::string_view> r = replacement(grapheme)) {
                out += *r;
                continue;
            }
        }
        for (std::size_t at = 0; at < grapheme.size();) {
            const std::size_t length = std::min(utf8CharLength(static_cast<unsigned char>(grapheme[at])), grapheme.size() - at);
            const std::string_view character = grapheme.substr(at, length);
            const std::optional<std::string_view> r = replacement(character);
            out += r ? *r : character;
            at += length;
        }
    }
    return out;
}

}  // namespace redit::tok
