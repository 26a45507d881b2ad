#include "model/tokenizer_post_processor.h"

#include "model/tokenizer_components.h"

namespace redit::tok {

namespace {

std::vector<int32_t> specialTokenIds(const JsonFields& template_, const std::string& name, const std::string& file,
                                     const std::string& where) {
    const auto& specials = template_.at("special_tokens");
    if (!specials.is_object() || !specials.contains(name)) {
        throw FileError(file, where + ": special token '" + name + "' is not defined in special_tokens");
    }
    JsonFields special(specials.at(name), file, where + ".special_tokens['" + name + "']");
    const auto& ids = special.at("ids");
    std::vector<int32_t> out;
    if (ids.is_array()) {
        for (const auto& id : ids) {
            if (!id.is_number_integer() || id.get<long long>() < 0 || id.get<long long>() > INT32_MAX) break;
            out.push_back(id.get<int32_t>());
        }
    }
    if (!ids.is_array() || out.size() != ids.size()) special.fail("ids", "must be a list of token ids");
    return out;
}

// RobertaProcessing's "cls": ["<s>", 0] -> 0.
int32_t pairId(const JsonFields& fields, const char* key) {
    const auto& pair = fields.at(key);
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_number_integer() ||
        pair[1].get<long long>() < 0 || pair[1].get<long long>() > INT32_MAX) {
        fields.fail(key, "must be [\"token\", id]");
    }
    return pair[1].get<int32_t>();
}

}  // namespace

PostProcessor PostProcessor::parse(const nlohmann::json& json, const std::string& file, const std::string& where) {
    PostProcessor processor;
    forEachComponent(json, file, where, "processors",
                     [&](const JsonFields& fields, const std::string& type, const std::string& at) {
                         if (type == "TemplateProcessing") {
                             processor.templates_.push_back(parseTemplate(fields, file, at));
                         } else if (type == "RobertaProcessing" || type == "BertProcessing") {
                             // A single sequence becomes cls A sep.
                             processor.templates_.push_back(
                                 {std::vector<int32_t>{pairId(fields, "cls")}, std::nullopt,
                                  std::vector<int32_t>{pairId(fields, "sep")}});
                         } else if (type != "ByteLevel") {
                             throw FileError(file, at + ": post-processor type '" + type +
                                                       "' is not supported (supported: TemplateProcessing, "
                                                       "RobertaProcessing, BertProcessing, ByteLevel, Sequence)");
                         }
                     });
    return processor;
}

PostProcessor::Template PostProcessor::parseTemplate(const JsonFields& fields, const std::string& file,
                                                     const std::string& where) {
    const auto& single = fields.at("single");
    if (!single.is_array()) fields.fail("single", "must be a list");
    Template t;
    for (std::size_t i = 0; i < single.size(); ++i) {
        const std::string itemWhere = where + ".single[" + std::to_string(i) + "]";
        JsonFields item(single[i], file, itemWhere);
        if (item.has("SpecialToken")) {
            JsonFields special(item.at("SpecialToken"), file, itemWhere + ".SpecialToken");
            t.push_back(specialTokenIds(fields, special.requiredString("id"), file, where));
        } else if (item.has("Sequence")) {
            JsonFields sequence(item.at("Sequence"), file, itemWhere + ".Sequence");
            if (sequence.requiredString("id") != "A") sequence.fail("id", "must be 'A' in a single template");
            t.push_back(std::nullopt);
        } else {
            throw FileError(file, itemWhere + " must be a SpecialToken or a Sequence");
        }
    }
    return t;
}

std::vector<int32_t> PostProcessor::apply(std::vector<int32_t> ids) const {
    for (const Template& t : templates_) {
        std::vector<int32_t> out;
        for (const auto& item : t) {
            const std::vector<int32_t>& part = item ? *item : ids;
            out.insert(out.end(), part.begin(), part.end());
        }
        ids = std::move(out);
    }
    return ids;
}

}  // namespace redit::tok
