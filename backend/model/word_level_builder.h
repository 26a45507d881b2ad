#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace redit {

// A `tokenizer.json` with a WordLevel model over the words of a corpus: the Whitespace pre-tokenizer
// (`\w+|[^\w\s]+`), the special tokens first ("[PAD]" = 0, "[UNK]" = 1), then every other piece by
// descending frequency (ties alphabetical), so the same corpus always gives the same ids.
nlohmann::json buildWordLevelTokenizer(const std::vector<std::string>& texts);

inline constexpr int kWordLevelPadId = 0;
inline constexpr int kWordLevelUnkId = 1;

}  // namespace redit
