#include "model/tokenizer_unicode.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

namespace redit::tok {

std::u32string toCodePoints(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        out.push_back(c < 0 ? U'\uFFFD' : char32_t(c));
    }
    return out;
}

void appendUtf8(char32_t c, std::string& out) {
    char buffer[4];
    int32_t length = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buffer), length, 4, UChar32(c), error);
    if (error) {
        out += "\xEF\xBF\xBD";
    } else {
        out.append(buffer, std::size_t(length));
    }
}

std::string toUtf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char32_t c : text) appendUtf8(c, out);
    return out;
}

bool isWhitespace(char32_t c) { return u_hasBinaryProperty(UChar32(c), UCHAR_WHITE_SPACE); }

bool isPunctuation(char32_t c) {
    if (c < 0x80) return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    return u_ispunct(UChar32(c));
}

bool isMark(char32_t c) { return (U_GET_GC_MASK(UChar32(c)) & U_GC_M_MASK) != 0; }

bool isNonspacingMark(char32_t c) { return u_charType(UChar32(c)) == U_NON_SPACING_MARK; }

bool isControl(char32_t c) {
    const int8_t type = u_charType(UChar32(c));
    return type == U_CONTROL_CHAR || type == U_FORMAT_CHAR || type == U_UNASSIGNED || type == U_PRIVATE_USE_CHAR;
}

bool isChineseChar(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
           (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

void appendLowercase(char32_t c, std::u32string& out) {
    UChar in[2] = {0, 0};
    int32_t inLength = 0;
    UBool error = false;
    U16_APPEND(in, inLength, 2, UChar32(c), error);
    UChar lower[16];
    UErrorCode status = U_ZERO_ERROR;
    // One character alone: no context, so no final-sigma rule (as Rust's char::to_lowercase).
    const int32_t length = u_strToLower(lower, 16, in, inLength, "", &status);
    if (U_FAILURE(status) || error) {
        out.push_back(c);
        return;
    }
    for (int32_t i = 0; i < length;) {
        UChar32 l;
        U16_NEXT(lower, i, length, l);
        out.push_back(char32_t(l));
    }
}

int fixedScript(char32_t c) {
    if (c == 0x30FC) return USCRIPT_HAN;
    if (c == ' ') return -1;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(UChar32(c), &status);
    if (script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA) return USCRIPT_HAN;
    return int(script);
}

}  // namespace redit::tok
