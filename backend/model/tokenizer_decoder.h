#pragma once
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/tokenizer_regex.h"
#include "util/json_file.h"

namespace redit::tok {

// The `decoder` of tokenizer.json: null (tokens joined with spaces, as Hugging Face does without a decoder,
// e.g. for WordLevel), one decoder or a Sequence. Supported: ByteLevel (GPT-2 byte map reversed), Replace,
// ByteFallback (<0xAB> tokens to bytes), Fuse, Strip, Metaspace, WordPiece. Each works on the list of token
// strings, as Hugging Face's decode_chain does, and the result is joined.
class Decoder {
public:
    // Throws FileError naming the file, `where` and an unsupported type.
    static Decoder parse(const nlohmann::json& json, const std::string& file, const std::string& where);

    // Always valid UTF-8: bytes that do not form characters (a partial multi-byte token) become U+FFFD.
    std::string decode(const std::vector<const std::string*>& tokens) const;

private:
    struct ByteLevel {};
    struct Replace {
        Regex pattern;
        std::string content;
    };
    struct ByteFallback {};
    struct Fuse {};
    struct Strip {
        std::u32string content;  // one character
        std::size_t start, stop;
    };
    struct Metaspace {
        std::string replacement;
        bool prepended;  // prepend_scheme is not "never": the first token loses its replacements
    };
    struct WordPiece {
        std::string prefix;
        bool cleanup;
    };
    using Step = std::variant<ByteLevel, Replace, ByteFallback, Fuse, Strip, Metaspace, WordPiece>;

    static Step parseStep(const JsonFields& fields, const std::string& type, const std::string& file,
                          const std::string& where);
    static void apply(const Step& step, std::vector<std::string>& tokens);

    bool present_ = false;
    std::vector<Step> steps_;
};

}  // namespace redit::tok
