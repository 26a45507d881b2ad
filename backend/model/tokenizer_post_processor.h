#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/json_file.h"

namespace redit::tok {

// The `post_processor` of tokenizer.json, applied when special tokens are requested: null, ByteLevel (no
// effect on ids), TemplateProcessing (its `single` template, e.g. Llama 3's "<|begin_of_text|> $A") or a
// Sequence of these.
class PostProcessor {
public:
    // Throws FileError naming the file, `where` and the problem.
    static PostProcessor parse(const nlohmann::json& json, const std::string& file, const std::string& where);

    std::vector<int32_t> apply(std::vector<int32_t> ids) const;

private:
    using Template = std::vector<std::optional<std::vector<int32_t>>>;  // special-token ids, or nullopt: the text
    static Template parseTemplate(const JsonFields& fields, const std::string& file, const std::string& where);

    std::vector<Template> templates_;
};

}  // namespace redit::tok
