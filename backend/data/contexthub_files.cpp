#include <filesystem>

#include "data/contexthub.h"
#include "data/logic_text.h"
#include "util/error.h"
#include "util/json_file.h"

namespace redit::data {

namespace {

std::string recordName(size_t i) { return "record " + std::to_string(i); }

const nlohmann::json& arrayOf(const nlohmann::json& j, const std::string& path) {
    if (!j.is_array()) throw FileError(path, "top level must be a JSON array of pattern records");
    return j;
}

std::string stringField(const nlohmann::json& object, const std::string& key, const std::string& path,
                        const std::string& where) {
    auto it = object.find(key);
    if (it == object.end() || !it->is_string()) throw FileError(path, where + ": field '" + key + "' must be a string");
    return it->get<std::string>();
}

// A pattern from its abstract text; the gold label must agree with the solver (the files are consistent).
Pattern makePattern(const std::string& text, Truth label, ReasoningKind kind, int level, size_t index,
                    const std::string& path) {
    const std::string record = recordName(index);
    Pattern p;
    p.problem = parseLogicProblem(text, path, record);
    if (p.problem.kind != kind)
        throw FileError(path, record + ": a " + kindName(p.problem.kind) + " problem in a " + kindName(kind) + " file");
    p.kind = kind;
    p.level = level;
    p.index = static_cast<int>(index);
    p.id = patternId(kind, level, p.index);
    p.text = text;
    p.label = label;
    return p;
}

Instance readInstance(const nlohmann::json& payload, const Pattern& pattern, const std::string& domain,
                      const std::string& subTopic, const std::string& path, const std::string& where) {
    if (!payload.is_object()) throw FileError(path, where + " must be a JSON object");
    Instance inst;
    inst.domain = domain;
    inst.subTopic = subTopic;
    inst.text = stringField(payload, "<nl>", path, where);
    inst.label = pattern.label;
    for (const std::string& v : pattern.problem.postOrder()) {
        auto it = payload.find("<" + v + ">");
        if (it != payload.end() && it->is_string()) inst.bindings[v] = it->get<std::string>();
    }
    return inst;
}

}  // namespace

Truth parseLabel(const nlohmann::json& value, const std::string& file, const std::string& record) {
    if (value.is_boolean()) return value.get<bool>() ? Truth::True : Truth::False;
    if (value.is_string() && value.get<std::string>() == "N/A") return Truth::Unknown;
    throw FileError(file, record + ": label must be true, false or \"N/A\" (got " + value.dump() + ")");
}

std::vector<Pattern> loadInstanceFile(const std::string& path, ReasoningKind kind, int level) {
    nlohmann::json json = readJsonFile(path);
    std::vector<Pattern> patterns;
    const auto& records = arrayOf(json, path);
    for (size_t i = 0; i < records.size(); ++i) {
        const auto& r = records[i];
        const std::string record = recordName(i);
        if (!r.is_object()) throw FileError(path, record + " must be a JSON object");
        auto q = r.find("question");
        if (q == r.end() || !q->is_array() || q->empty() || !(*q)[0].is_object())
            throw FileError(path, record + ": field 'question' must be a list holding an object with '<nl>'");
        if (!r.contains("answer")) throw FileError(path, record + ": field 'answer' is missing");
        Pattern p = makePattern(stringField((*q)[0], "<nl>", path, record + ": question"),
                                parseLabel(r["answer"], path, record), kind, level, i, path);
        for (const std::string& domain : contextHubDomains()) {
            auto d = r.find(domain);
            if (d == r.end() || !d->is_object()) throw FileError(path, record + ": domain '" + domain + "' is missing");
            for (const auto& [sub, payload] : d->items())
                p.instances.push_back(readInstance(payload, p, domain, sub, path, record + ": " + domain + "/" + sub));
        }
        if (auto a = r.find(kAbstractDomain); a != r.end() && a->is_object())
            for (const auto& [sub, payload] : a->items())
                p.instances.push_back(readInstance(payload, p, kAbstractDomain, sub, path, record + ": abstract/" + sub));
        patterns.push_back(std::move(p));
    }
    return patterns;
}

std::vector<Pattern> loadCotFile(const std::string& path, ReasoningKind kind, int level) {
    nlohmann::json json = readJsonFile(path);
    std::vector<Pattern> patterns;
    const auto& records = arrayOf(json, path);
    for (size_t i = 0; i < records.size(); ++i) {
        const std::string record = recordName(i);
        if (!records[i].is_object()) throw FileError(path, record + " must be a JSON object");
        if (!records[i].contains("answers")) throw FileError(path, record + ": field 'answers' is missing");
        patterns.push_back(makePattern(stringField(records[i], "descriptions", path, record),
                                       parseLabel(records[i]["answers"], path, record), kind, level, i, path));
    }
    return patterns;
}

std::vector<Pattern> loadContextHub(const std::string& folder, std::optional<ReasoningKind> kind, std::optional<int> level) {
    namespace fs = std::filesystem;
    if (!fs::is_directory(folder)) throw FileError(folder, "is not a folder");
    std::vector<Pattern> all;
    for (int l = 1; l <= 4; ++l) {
        if (level && *level != l) continue;
        for (ReasoningKind k : {ReasoningKind::Deductive, ReasoningKind::Abductive}) {
            if (kind && *kind != k) continue;
            const std::string base = folder + "/data_level" + std::to_string(l) + "/" + kindName(k) + "_logic";
            std::vector<Pattern> patterns;
            if (fs::exists(base + ".json")) patterns = loadInstanceFile(base + ".json", k, l);
            else if (fs::exists(base + "_cot.json")) patterns = loadCotFile(base + "_cot.json", k, l);
            const std::string chat = folder + "/gptdata/onetwothree.jsonl";
            if (l == 3 && k == ReasoningKind::Deductive && !patterns.empty() && fs::exists(chat))
                attachChatInstances(chat, patterns);
            for (Pattern& p : patterns) all.push_back(std::move(p));
        }
    }
    return all;
}

}  // namespace redit::data
