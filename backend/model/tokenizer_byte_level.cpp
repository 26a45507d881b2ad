#include "model/tokenizer_byte_level.h"

#include <unicode/utf8.h>

namespace redit::tok {

namespace {

std::string utf8Of(char32_t c) {
    uint8_t buf[4];
    int32_t length = 0;
    U8_APPEND_UNSAFE(buf, length, static_cast<UChar32>(c));
    return std::string(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(length));
}

bool printableInGpt2(int b) {
    return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
}

}  // namespace

ByteLevelMap::ByteLevelMap() {
    byteOfChar_.fill(-1);
    char32_t next = 256;  // bytes without a printable Latin-1 character get U+0100, U+0101, ... in order
    for (int b = 0; b < 256; ++b) {
        const char32_t c = printableInGpt2(b) ? char32_t(b) : next++;
        charOfByte_[std::size_t(b)] = utf8Of(c);
        byteOfChar_[c] = int16_t(b);
    }
}

const ByteLevelMap& ByteLevelMap::instance() {
    static const ByteLevelMap map;
    return map;
}

void ByteLevelMap::encode(std::string_view text, std::string& out) const {
    for (unsigned char b : text) out += charOfByte_[b];
}

bool ByteLevelMap::decode(std::string_view token, std::string& out) const {
    const std::size_t oldSize = out.size();
    const auto* s = reinterpret_cast<const uint8_t*>(token.data());
    const auto length = static_cast<int32_t>(std::min<std::size_t>(token.size(), INT32_MAX));
    int32_t i = 0;
    while (i < length) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0 || c > UChar32(kLastChar) || byteOfChar_[std::size_t(c)] < 0) {
            out.resize(oldSize);
            return false;
        }
        out += char(byteOfChar_[std::size_t(c)]);
    }
    return true;
}

}  // namespace redit::tok
