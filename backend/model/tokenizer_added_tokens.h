#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace redit::tok {

// One entry of `added_tokens` in tokenizer.json.
struct AddedToken {
    int32_t id = 0;
    std::string content;
    bool special = false;
    bool singleWord = false;  // match only where no word character touches either end
    bool lstrip = false;      // the match takes the whitespace before it
    bool rstrip = false;      // the match takes the whitespace after it
    bool normalized = false;  // matched in normalized text (otherwise in the raw text)
};

// Reads `added_tokens` (absent or null: none). Throws FileError naming the entry and the field.
std::vector<AddedToken> parseAddedTokens(const nlohmann::json& list, const std::string& file);

// Cuts text into plain stretches and added tokens: at each position the longest token that fits wins.
class AddedTokenMatcher {
public:
    // Matches the tokens whose `normalized` flag equals the given one.
    AddedTokenMatcher(const std::vector<AddedToken>& tokens, bool normalized);

    struct Segment {
        std::string_view text;
        std::optional<int32_t> token;  // set when the segment is an added token
    };
    // text must be valid UTF-8; the segments point into it.
    std::vector<Segment> split(std::string_view text) const;

private:
    struct Candidate {
        std::string content;
        int32_t id;
        bool singleWord, lstrip, rstrip;
    };
    static bool fits(const Candidate& c, std::string_view text, std::size_t at);

    std::array<std::vector<Candidate>, 256> byFirstByte_;  // each list longest first
};

}  // namespace redit::tok
