#pragma once
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>
#include <memory>

#include "model/tokenizer_precompiled.h"
#include "model/tokenizer_regex.h"
#include "util/json_file.h"

struct UNormalizer2;

namespace redit::tok {

// The `normalizer` of tokenizer.json: null, one component or a Sequence of them. Supported: the Unicode
// normal forms (NFC, NFD, NFKC, NFKD, through ICU), Prepend, Replace (String or Regex pattern), Lowercase,
// Strip, StripAccents, BertNormalizer and Precompiled (SentencePiece's charsmap), with the semantics of the Hugging Face `tokenizers` library.
class Normalizer {
public:
    // Throws FileError naming the file, `where` and the problem (e.g. an unsupported type).
    static Normalizer parse(const nlohmann::json& json, const std::string& file, const std::string& where);

    // Valid UTF-8 in, valid UTF-8 out. startMoved: set when the result no longer starts with a character from
    // offset 0 of the input (Strip removed leading whitespace, ...), which Metaspace's "first" scheme checks.
    std::string apply(std::string_view text, bool* startMoved = nullptr) const;

private:
    struct Form {
        const UNormalizer2* form;  // ICU-owned singleton
    };
    struct Prepend {
        std::string prefix;  // added in front of non-empty text
    };
    struct Replace {
        Regex pattern;
        std::string content;
    };
    struct Lowercase {};
    struct Strip {
        bool left, right;
    };
    struct StripAccents {};
    struct Bert {
        bool cleanText, chineseChars, stripAccents, lowercase;
    };
    struct Precompiled {
        std::shared_ptr<const PrecompiledCharsmap> map;  // shared: normalizers are copied
    };
    using Step = std::variant<Form, Prepend, Replace, Lowercase, Strip, StripAccents, Bert, Precompiled>;

    static Step parseStep(const JsonFields& fields, const std::string& type, const std::string& file,
                          const std::string& where);

    std::vector<Step> steps_;
};

}  // namespace redit::tok
