#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace redit::tok {

// GPT-2's byte-to-unicode map, used by byte-level BPE: every byte becomes a printable character (space is
// "Ġ", newline "Ċ"), so that token strings hold any bytes without spaces or control characters.
class ByteLevelMap {
public:
    static const ByteLevelMap& instance();

    // Appends the byte-level characters of the bytes of text.
    void encode(std::string_view text, std::string& out) const;
    // Appends the bytes a byte-level token stands for. False (out unchanged) when the token holds a
    // character outside the map, i.e. it is not a byte-level string.
    bool decode(std::string_view token, std::string& out) const;

private:
    ByteLevelMap();
    static constexpr char32_t kLastChar = 0x143;  // the map's characters lie in U+0021..U+0143
    std::array<std::string, 256> charOfByte_;
    std::array<int16_t, kLastChar + 1> byteOfChar_{};
};

}  // namespace redit::tok
