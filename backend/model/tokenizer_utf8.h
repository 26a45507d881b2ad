#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace redit::tok {

// Byte offset of the first ill-formed UTF-8 sequence, or nullopt when the whole text is valid.
std::optional<std::size_t> firstInvalidUtf8(std::string_view text);

// The bytes as UTF-8 with every ill-formed sequence (maximal subpart) replaced by U+FFFD, as Hugging Face
// does when decoding bytes that end inside a character.
std::string toValidUtf8(std::string_view bytes);

// Length of the UTF-8 character that starts with this lead byte (valid text only).
inline std::size_t utf8CharLength(unsigned char lead) {
    return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

}  // namespace redit::tok
