#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "util/error.h"
#include "util/json_file.h"

namespace redit::tok {

// tokenizer.json describes a stage (normalizer, pre_tokenizer, post_processor) as null, one component
// {"type": ...}, or {"type": "Sequence", <listKey>: [...]} of components, nested freely. Calls
// visit(fields, type, where) for each component in order; `where` names it in error messages.
template <typename Visit>
void forEachComponent(const nlohmann::json& json, const std::string& file, const std::string& where,
                      const char* listKey, Visit&& visit, int depth = 0) {
    constexpr int kMaxDepth = 32;  // real files nest one level; the cap keeps recursion bounded
    if (json.is_null()) return;
    JsonFields fields(json, file, where);
    const std::string type = fields.requiredString("type");
    if (type != "Sequence") {
        visit(fields, type, where);
        return;
    }
    if (depth >= kMaxDepth) throw FileError(file, where + ": Sequences are nested too deeply");
    const auto& list = fields.at(listKey);
    if (!list.is_array()) fields.fail(listKey, "must be a list");
    for (std::size_t i = 0; i < list.size(); ++i) {
        forEachComponent(list[i], file, where + "." + listKey + "[" + std::to_string(i) + "]", listKey, visit,
                         depth + 1);
    }
}

}  // namespace redit::tok
