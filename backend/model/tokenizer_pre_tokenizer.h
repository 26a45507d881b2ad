#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/tokenizer_regex.h"
#include "util/json_file.h"

namespace redit::tok {

// The `pre_tokenizer` of tokenizer.json: cuts normalized text into the pieces the model encodes one by one.
// Supported: ByteLevel, Split (Regex or String pattern, every behavior, invert), Digits (individual or runs),
// Whitespace, WhitespaceSplit, Metaspace (every prepend scheme, split or not), Punctuation, BertPreTokenizer,
// UnicodeScripts, CharDelimiterSplit and Sequence of these.
class PreTokenizer {
public:
    // null json: the whole text is one piece. Throws FileError naming the file, `where` and the problem
    // (unsupported type, bad regex with PCRE2's message and offset, ...).
    static PreTokenizer parse(const nlohmann::json& json, const std::string& file, const std::string& where);

    // Non-empty pieces, in order. text must be valid UTF-8. atStart: the text begins the input (Metaspace's
    // prepend_scheme "first" prepends only there, as Hugging Face does at original offset 0).
    std::vector<std::string> split(std::string_view text, bool atStart = true) const;

    // Whether a ByteLevel step maps the pieces to GPT-2 byte-level characters.
    bool byteLevel() const;

    enum class Behavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };

private:
    struct Piece {
        std::string text;
        bool atStart;  // begins at offset 0 of the input
    };
    struct SplitStep {
        Regex regex;
        Behavior behavior;
        bool invert;
        void apply(const Piece& piece, std::vector<Piece>& out) const;
    };
    struct ByteLevelStep {
        bool addPrefixSpace;
        std::optional<SplitStep> split;  // use_regex: GPT-2's pattern, isolated
        void apply(const Piece& piece, std::vector<Piece>& out) const;
    };
    struct MetaspaceStep {
        enum class Prepend { Always, First, Never };
        std::string replacement;  // one character
        Prepend prepend;
        std::optional<SplitStep> split;  // on the replacement, merged with the next piece
        void apply(const Piece& piece, std::vector<Piece>& out) const;
    };
    struct ScriptsStep {  // UnicodeScripts
        void apply(const Piece& piece, std::vector<Piece>& out) const;
    };
    using Step = std::variant<SplitStep, ByteLevelStep, MetaspaceStep, ScriptsStep>;

    static void parseStep(const JsonFields& fields, const std::string& type, const std::string& file,
                          const std::string& where, std::vector<Step>& steps);

    std::vector<Step> steps_;
};

}  // namespace redit::tok
