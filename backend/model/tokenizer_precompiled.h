#pragma once
// SentencePiece's precompiled normalization map (the `Precompiled` normalizer of tokenizer.json, T5/ALBERT/
// XLNet-style tokenizers; docs/model.md "Tokenizer"): a darts-clone double-array trie over the UTF-8 bytes of
// the sequences to replace, and a block of NUL-terminated replacements the trie's values point into. Read
// once; normalize() is thread-safe.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redit::tok {

class PrecompiledCharsmap {
public:
    // `base64`: the `precompiled_charsmap` field. FileError naming the file and `where` for bad base64, a blob
    // too short for its trie, or replacements that are not UTF-8.
    static PrecompiledCharsmap parse(const std::string& base64, const std::string& file, const std::string& where);

    // As the reference does it: each grapheme cluster (ICU's character boundaries) shorter than 6 bytes is
    // replaced by the replacement of its shortest prefix in the map, when it has one; otherwise each of its
    // characters by its own replacement, or kept.
    std::string normalize(std::string_view text) const;

private:
    // The replacement of the shortest prefix of `chunk` found in the trie.
    std::optional<std::string_view> replacement(std::string_view chunk) const;

    std::vector<uint32_t> units_;
    std::string replacements_;
};

}  // namespace redit::tok
