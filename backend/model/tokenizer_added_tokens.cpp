#include "model/tokenizer_added_tokens.h"

#include <algorithm>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "model/tokenizer_utf8.h"
#include "util/error.h"
#include "util/json_file.h"

namespace redit::tok {

namespace {

// Hugging Face tests single-word tokens with the regex \w (Unicode word characters).
bool isWordChar(UChar32 c) {
    const auto type = u_charType(c);
    return u_hasBinaryProperty(c, UCHAR_ALPHABETIC) || u_hasBinaryProperty(c, UCHAR_JOIN_CONTROL) ||
           type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK ||
           type == U_DECIMAL_DIGIT_NUMBER || type == U_CONNECTOR_PUNCTUATION;
}

const uint8_t* bytes(std::string_view text) { return reinterpret_cast<const uint8_t*>(text.data()); }

// The character before offset `at` (text valid UTF-8, at > start).
UChar32 charBefore(std::string_view text, std::size_t start, std::size_t& at) {
    auto i = static_cast<int32_t>(at);
    UChar32 c;
    U8_PREV(bytes(text), static_cast<int32_t>(start), i, c);
    at = static_cast<std::size_t>(i);
    return c;
}

UChar32 charAt(std::string_view text, std::size_t& at) {
    auto i = static_cast<int32_t>(at);
    UChar32 c;
    U8_NEXT(bytes(text), i, static_cast<int32_t>(text.size()), c);
    at = static_cast<std::size_t>(i);
    return c;
}

}  // namespace

std::vector<AddedToken> parseAddedTokens(const nlohmann::json& list, const std::string& file) {
    std::vector<AddedToken> tokens;
    if (list.is_null()) return tokens;
    if (!list.is_array()) throw FileError(file, "field 'added_tokens' must be a list");
    for (std::size_t i = 0; i < list.size(); ++i) {
        JsonFields fields(list[i], file, "added_tokens[" + std::to_string(i) + "]");
        AddedToken t;
        const long long id = fields.requiredInt("id");
        if (id < 0 || id > INT32_MAX) fields.fail("id", "must be between 0 and 2^31-1 (got " + std::to_string(id) + ")");
        t.id = static_cast<int32_t>(id);
        t.content = fields.requiredString("content");
        if (t.content.empty()) fields.fail("content", "must not be empty");
        if (firstInvalidUtf8(t.content)) fields.fail("content", "is not valid UTF-8");
        t.special = fields.optionalBool("special", false);
        t.singleWord = fields.optionalBool("single_word", false);
        t.lstrip = fields.optionalBool("lstrip", false);
        t.rstrip = fields.optionalBool("rstrip", false);
        t.normalized = fields.optionalBool("normalized", !t.special);
        tokens.push_back(std::move(t));
    }
    return tokens;
}

AddedTokenMatcher::AddedTokenMatcher(const std::vector<AddedToken>& tokens, bool normalized) {
    for (const AddedToken& t : tokens) {
        if (t.normalized != normalized) continue;
        byFirstByte_[static_cast<unsigned char>(t.content[0])].push_back(
            {t.content, t.id, t.singleWord, t.lstrip, t.rstrip});
    }
    for (auto& list : byFirstByte_) {
        std::stable_sort(list.begin(), list.end(),
                         [](const Candidate& a, const Candidate& b) { return a.content.size() > b.content.size(); });
    }
}

bool AddedTokenMatcher::fits(const Candidate& c, std::string_view text, std::size_t at) {
    if (text.compare(at, c.content.size(), c.content) != 0) return false;
    if (!c.singleWord) return true;
    std::size_t before = at, after = at + c.content.size();
    const bool wordBefore = at > 0 && isWordChar(charBefore(text, 0, before));
    const bool wordAfter = after < text.size() && isWordChar(charAt(text, after));
    return !wordBefore && !wordAfter;
}

std::vector<AddedTokenMatcher::Segment> AddedTokenMatcher::split(std::string_view text) const {
    std::vector<Segment> segments;
    std::size_t plainStart = 0;
    std::size_t at = 0;
    while (at < text.size()) {
        const Candidate* found = nullptr;
        for (const Candidate& c : byFirstByte_[static_cast<unsigned char>(text[at])]) {
            if (fits(c, text, at)) {
                found = &c;
                break;
            }
        }
        if (!found) {
            ++at;  // token contents are valid UTF-8, so they can only match at character starts
            continue;
        }
        std::size_t begin = at, end = at + found->content.size();
        while (found->lstrip && begin > plainStart) {
            std::size_t previous = begin;
            if (!u_isUWhiteSpace(charBefore(text, plainStart, previous))) break;
            begin = previous;
        }
        while (found->rstrip && end < text.size()) {
            std::size_t next = end;
            if (!u_isUWhiteSpace(charAt(text, next))) break;
            end = next;
        }
        if (begin > plainStart) segments.push_back({text.substr(plainStart, begin - plainStart), std::nullopt});
        segments.push_back({text.substr(begin, end - begin), found->id});
        plainStart = at = end;
    }
    if (plainStart < text.size()) segments.push_back({text.substr(plainStart), std::nullopt});
    return segments;
}

}  // namespace redit::tok
