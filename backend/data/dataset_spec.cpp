#include "data/dataset_spec.h"

#include <algorithm>
#include <charconv>

#include "data/contexthub.h"
#include "data/synthetic_dataset.h"
#include "util/error.h"

namespace redit::data {

namespace {

std::vector<std::string> splitParts(const std::string& text) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t colon; (colon = text.find(':', start)) != std::string::npos; start = colon + 1)
        parts.push_back(text.substr(start, colon - start));
    parts.push_back(text.substr(start));
    return parts;
}

std::optional<ReasoningKind> kindFromName(const std::string& name) {
    if (name == "deductive") return ReasoningKind::Deductive;
    if (name == "abductive") return ReasoningKind::Abductive;
    return std::nullopt;
}

bool looksLikeLevel(const std::string& part) { return part.rfind("level", 0) == 0; }

class SpecParser {
public:
    explicit SpecParser(const std::string& spec) : spec_(spec) {}

    [[noreturn]] void fail(const std::string& problem) const {
        throw ConfigError("dataset spec '" + spec_ + "': " + problem);
    }

    std::uint64_t number(const std::string& part, const std::string& digits) const {
        std::uint64_t value = 0;
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size())
            fail("'" + part + "' needs a non-negative integer");
        return value;
    }

    int level(const std::string& part) const {
        std::uint64_t n = number(part, part.substr(5));
        if (n < 1 || n > 4) fail("'" + part + "': the level must be 1 to 4");
        return static_cast<int>(n);
    }

private:
    std::string spec_;
};

DatasetSpec parseContextHub(const SpecParser& parser, std::vector<std::string> parts) {
    DatasetSpec spec;
    spec.source = DatasetSource::ContextHub;
    // The paper's "level 2" is the first ten level-2 records: contexthub:FOLDER:deductive:level2:first=10.
    if (!parts.empty() && parts.back().rfind("first=", 0) == 0) {
        spec.first = parser.number(parts.back(), parts.back().substr(6));
        if (spec.first == 0) parser.fail("'first=0': keep at least one pattern");
        parts.pop_back();
    }
    if (!parts.empty() && looksLikeLevel(parts.back())) {
        spec.level = parser.level(parts.back());
        parts.pop_back();
    }
    if (!parts.empty() && kindFromName(parts.back())) {
        spec.kind = kindFromName(parts.back());
        parts.pop_back();
    }
    for (std::size_t i = 0; i < parts.size(); ++i) spec.folder += (i ? ":" : "") + parts[i];
    if (spec.folder.empty()) parser.fail("'contexthub:' needs a folder, e.g. contexthub:/data/contexthub:deductive:level1");
    return spec;
}

DatasetSpec parseSynthetic(const SpecParser& parser, const std::vector<std::string>& parts) {
    DatasetSpec spec;
    spec.source = DatasetSource::Synthetic;
    if (parts.empty() || !kindFromName(parts[0]))
        parser.fail("'synthetic:' needs a kind, deductive or abductive (got '" + (parts.empty() ? "" : parts[0]) + "')");
    spec.kind = kindFromName(parts[0]);
    if (parts.size() < 2 || !looksLikeLevel(parts[1]))
        parser.fail("'synthetic:" + parts[0] + ":' needs a level, level1 to level4");
    spec.level = parser.level(parts[1]);
    for (std::size_t i = 2; i < parts.size(); ++i) {
        const std::string& part = parts[i];
        const std::size_t eq = part.find('=');
        const std::string key = part.substr(0, eq), value = eq == std::string::npos ? "" : part.substr(eq + 1);
        if (eq == std::string::npos) parser.fail("'" + part + "' is not an option (n=, seed=, per_domain= or first=)");
        if (key == "n") spec.count = parser.number(part, value);
        else if (key == "seed") spec.seed = parser.number(part, value);
        else if (key == "per_domain") spec.perDomain = parser.number(part, value);
        else if (key == "first") spec.first = parser.number(part, value);
        else parser.fail("unknown option '" + key + "' (n, seed, per_domain or first)");
    }
    if (spec.perDomain == 0) parser.fail("'per_domain=0': at least one instance per domain");
    if (spec.first == 0 && std::count_if(parts.begin(), parts.end(), [](const std::string& p) { return p.rfind("first=", 0) == 0; }))
        parser.fail("'first=0': keep at least one pattern");
    return spec;
}

std::vector<Pattern> keepFirstPatterns(std::vector<Pattern> patterns, std::size_t first) {
    if (first > patterns.size())
        throw ConfigError("dataset spec: first=" + std::to_string(first) + " but the dataset has only " +
                          std::to_string(patterns.size()) + " patterns");
    if (first > 0) patterns.resize(first);
    return patterns;
}

}  // namespace

DatasetSpec parseDatasetSpec(const std::string& text) {
    SpecParser parser(text);
    std::vector<std::string> parts = splitParts(text);
    const std::string source = parts.front();
    parts.erase(parts.begin());
    if (source == "contexthub") return parseContextHub(parser, parts);
    if (source == "synthetic") return parseSynthetic(parser, parts);
    parser.fail("unknown source '" + source + "' (contexthub:FOLDER... or synthetic:KIND:levelN...)");
}

std::vector<Pattern> loadDataset(const DatasetSpec& spec) {
    if (spec.source == DatasetSource::Synthetic) {
        SyntheticOptions o;
        o.kind = spec.kind.value_or(ReasoningKind::Deductive);
        o.level = spec.level.value_or(1);
        o.count = spec.count;
        o.seed = spec.seed;
        o.perDomain = spec.perDomain;
        return keepFirstPatterns(syntheticDataset(o), spec.first);
    }
    std::vector<Pattern> patterns = loadContextHub(spec.folder, spec.kind, spec.level);
    if (patterns.empty()) {
        const std::string what = (spec.kind ? kindName(*spec.kind) + " " : std::string()) +
                                 (spec.level ? "level-" + std::to_string(*spec.level) + " " : std::string());
        throw FileError(spec.folder, "holds no " + what + "ContextHub data files");
    }
    return keepFirstPatterns(std::move(patterns), spec.first);
}

std::vector<Pattern> loadDataset(const std::string& spec) { return loadDataset(parseDatasetSpec(spec)); }

}  // namespace redit::data
