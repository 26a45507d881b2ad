#include "model/tokenizer_normalizer.h"

#include <algorithm>
#include <stdexcept>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "model/tokenizer_components.h"
#include "model/tokenizer_unicode.h"

namespace redit::tok {

namespace {

const UNormalizer2* icuForm(const std::string& type) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2* form = type == "NFC"    ? unorm2_getNFCInstance(&status)
                               : type == "NFD"  ? unorm2_getNFDInstance(&status)
                               : type == "NFKC" ? unorm2_getNFKCInstance(&status)
                               : type == "NFKD" ? unorm2_getNFKDInstance(&status)
                                                : nullptr;
    if (U_FAILURE(status)) throw Error(std::string("ICU cannot load the ") + type + " normalizer: " + u_errorName(status));
    return form;
}

void check(UErrorCode status, const char* what) {
    if (U_FAILURE(status)) throw Error(std::string("Unicode normalization failed (") + what + "): " + u_errorName(status));
}

// Runs an ICU "preflight, then fill" function: fill(buffer, capacity, status) returns the needed length.
template <typename Unit, typename Fill>
std::basic_string<Unit> icuString(int32_t guess, Fill&& fill, const char* what) {
    std::basic_string<Unit> out(std::size_t(std::max(guess, 1)), Unit(0));
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = fill(out.data(), int32_t(out.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        out.resize(std::size_t(length));
        status = U_ZERO_ERROR;
        length = fill(out.data(), int32_t(out.size()), &status);
    }
    check(status, what);
    out.resize(std::size_t(length));
    return out;
}

std::string normalizeForm(const UNormalizer2* form, const std::string& text) {
    const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return (unsigned char)c < 0x80; });
    if (ascii) return text;  // ASCII is invariant under every normal form
    if (text.size() > INT32_MAX / 4) throw Error("text is too long to normalize");
    std::u16string utf16 = icuString<char16_t>(int32_t(text.size()), [&](UChar* buffer, int32_t capacity, UErrorCode* status) {
        int32_t length = 0;
        u_strFromUTF8(buffer, capacity, &length, text.data(), int32_t(text.size()), status);
        return length;
    }, "UTF-8 to UTF-16");
    utf16 = icuString<char16_t>(int32_t(utf16.size()) + 16, [&](UChar* buffer, int32_t capacity, UErrorCode* status) {
        return unorm2_normalize(form, utf16.data(), int32_t(utf16.size()), buffer, capacity, status);
    }, "normalize");
    return icuString<char>(int32_t(utf16.size()) * 3, [&](char* buffer, int32_t capacity, UErrorCode* status) {
        int32_t length = 0;
        u_strToUTF8(buffer, capacity, &length, utf16.data(), int32_t(utf16.size()), status);
        return length;
    }, "UTF-16 to UTF-8");
}

// A String or Regex pattern, as Replace and Split write it.
Regex patternOf(const JsonFields& fields, const std::string& file, const std::string& where) {
    JsonFields pattern(fields.at("pattern"), file, where + ".pattern");
    const bool literal = pattern.has("String");
    if (!literal && !pattern.has("Regex")) pattern.fail("Regex", "is missing (or 'String')");
    const std::string text = pattern.requiredString(literal ? "String" : "Regex");
    try {
        return Regex(text, literal);
    } catch (const std::invalid_argument& e) {
        throw FileError(file, where + ": pattern '" + text + "' is not a valid regular expression: " + e.what());
    }
}

std::string replaceAll(const Regex& pattern, const std::string& content, const std::string& text) {
    std::string out;
    std::size_t position = 0;
    for (const Span& m : pattern.findAll(text)) {
        out.append(text, position, m.begin - position);
        out += content;
        position = m.end;
    }
    out.append(text, position, std::string::npos);
    return out;
}

std::u32string lowercase(const std::u32string& text) {
    std::u32string out;
    out.reserve(text.size());
    for (char32_t c : text) appendLowercase(c, out);
    return out;
}

std::u32string stripAccents(const std::u32string& text, bool nonspacingOnly = false) {
    std::u32string out;
    for (char32_t c : text) {
        if (!(nonspacingOnly ? isNonspacingMark(c) : isMark(c))) out.push_back(c);
    }
    return out;
}

}  // namespace

Normalizer Normalizer::parse(const nlohmann::json& json, const std::string& file, const std::string& where) {
    Normalizer normalizer;
    forEachComponent(json, file, where, "normalizers",
                     [&](const JsonFields& fields, const std::string& type, const std::string& at) {
                         normalizer.steps_.push_back(parseStep(fields, type, file, at));
                     });
    return normalizer;
}

Normalizer::Step Normalizer::parseStep(const JsonFields& fields, const std::string& type, const std::string& file,
                                       const std::string& where) {
    if (const UNormalizer2* form = icuForm(type)) return Form{form};
    if (type == "Prepend") return Prepend{fields.requiredString("prepend")};
    if (type == "Replace") return Replace{patternOf(fields, file, where), fields.requiredString("content")};
    if (type == "Lowercase") return Lowercase{};
    if (type == "Strip") return Strip{fields.optionalBool("strip_left", false), fields.optionalBool("strip_right", false)};
    if (type == "StripAccents") return StripAccents{};
    if (type == "BertNormalizer") {
        const bool lower = fields.optionalBool("lowercase", true);
        // strip_accents null follows lowercase.
        const bool accents = fields.has("strip_accents") && !fields.at("strip_accents").is_null()
                                 ? fields.requiredBool("strip_accents")
                                 : lower;
        return Bert{fields.optionalBool("clean_text", true), fields.optionalBool("handle_chinese_chars", true), accents,
                    lower};
    }
    if (type == "Precompiled")
        return Precompiled{std::make_shared<const PrecompiledCharsmap>(
            PrecompiledCharsmap::parse(fields.requiredString("precompiled_charsmap"), file, where))};
    throw FileError(file, where + ": normalizer type '" + type +
                              "' is not supported (supported: NFC, NFD, NFKC, NFKD, Prepend, Replace, Lowercase, "
                              "Strip, StripAccents, BertNormalizer, Precompiled, Sequence)");
}

std::string Normalizer::apply(std::string_view input, bool* startMoved) const {
    std::string text(input);
    bool moved = false;  // the first character left no longer comes from offset 0 of the input
    for (const Step& step : steps_) {
        if (const auto* s = std::get_if<Form>(&step)) {
            text = normalizeForm(s->form, text);
        } else if (const auto* s = std::get_if<Prepend>(&step)) {
            if (!text.empty()) text = s->prefix + text;
        } else if (const auto* s = std::get_if<Replace>(&step)) {
            // A match at the start replaced by nothing removes the first character(s).
            const auto matches = s->pattern.findAll(text);
            if (s->content.empty() && !matches.empty() && matches.front().begin == 0) moved = true;
            text = replaceAll(s->pattern, s->content, text);
        } else if (std::holds_alternative<Lowercase>(step)) {
            text = toUtf8(lowercase(toCodePoints(text)));
        } else if (const auto* s = std::get_if<Strip>(&step)) {
            const std::u32string chars = toCodePoints(text);
            std::size_t begin = 0, end = chars.size();
            if (s->left) {
                while (begin < end && isWhitespace(chars[begin])) ++begin;
                if (begin > 0 && begin < end) moved = true;
            }
            if (s->right) {
                while (end > begin && isWhitespace(chars[end - 1])) --end;
            }
            text = toUtf8(std::u32string_view(chars).substr(begin, end - begin));
        } else if (std::holds_alternative<StripAccents>(step)) {
            const std::u32string chars = toCodePoints(text);
            text = toUtf8(stripAccents(chars));
            if (!chars.empty() && isMark(chars.front()) && !text.empty()) moved = true;
        } else if (const auto* s = std::get_if<Precompiled>(&step)) {
            text = s->map->normalize(text);
        } else if (const auto* s = std::get_if<Bert>(&step)) {
            std::u32string chars = toCodePoints(text), out;
            for (char32_t c : chars) {
                if (s->cleanText) {
                    if (c == 0 || c == 0xFFFD || (isControl(c) && c != '\t' && c != '\n' && c != '\r')) continue;
                    if (isWhitespace(c)) c = ' ';  // \t \n \r count as whitespace here
                }
                if (s->chineseChars && isChineseChar(c)) {
                    out += U' ';
                    out += c;
                    out += U' ';
                } else {
                    out += c;
                }
            }
            if (s->stripAccents) {
                out = icuForm("NFD") ? toCodePoints(normalizeForm(icuForm("NFD"), toUtf8(out))) : out;
                out = stripAccents(out, true);
            }
            if (s->lowercase) out = lowercase(out);
            text = toUtf8(out);
            if (s->cleanText && !chars.empty() && !text.empty() && (chars.front() == 0 || chars.front() == 0xFFFD ||
                                                                     (isControl(chars.front()) && !isWhitespace(chars.front())))) {
                moved = true;
            }
        }
    }
    if (startMoved) *startMoved = moved;
    return text;
}

}  // namespace redit::tok
