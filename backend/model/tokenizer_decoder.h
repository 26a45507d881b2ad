#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace redit::tok {

// The `decoder` of tokenizer.json: null (tokens joined with spaces, as Hugging Face does without a
// decoder, e.g. for WordLevel) or ByteLevel (GPT-2 byte map reversed).
class Decoder {
public:
    // Throws FileError naming the file, `where` and an unsupported type.
    static Decoder parse(const nlohmann::json& json, const std::string& file, const std::string& where);

    // Always valid UTF-8: bytes that do not form characters (a partial multi-byte token) become U+FFFD.
    std::string decode(const std::vector<const std::string*>& tokens) const;

private:
    bool byteLevel_ = false;
};

}  // namespace redit::tok
