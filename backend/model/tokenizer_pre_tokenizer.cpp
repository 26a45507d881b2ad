#include "model/tokenizer_pre_tokenizer.h"

#include <algorithm>
#include <stdexcept>

#include "model/tokenizer_byte_level.h"
#include "model/tokenizer_components.h"

namespace redit::tok {

namespace {

const char* const kGpt2Pattern = R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

Regex compile(const std::string& pattern, bool literal, const std::string& file, const std::string& where) {
    try {
        return Regex(pattern, literal);
    } catch (const std::invalid_argument& e) {
        throw FileError(file, where + ": pattern '" + pattern + "' is not a valid regular expression: " + e.what());
    }
}

PreTokenizer::Behavior behaviorNamed(const JsonFields& fields) {
    using B = PreTokenizer::Behavior;
    const std::string name = fields.requiredString("behavior");
    if (name == "Removed") return B::Removed;
    if (name == "Isolated") return B::Isolated;
    if (name == "MergedWithPrevious") return B::MergedWithPrevious;
    if (name == "MergedWithNext") return B::MergedWithNext;
    if (name == "Contiguous") return B::Contiguous;
    fields.fail("behavior", "'" + name + "' is not a split behavior (Removed, Isolated, MergedWithPrevious, "
                            "MergedWithNext, Contiguous)");
}

}  // namespace

PreTokenizer PreTokenizer::parse(const nlohmann::json& json, const std::string& file, const std::string& where) {
    PreTokenizer pre;
    forEachComponent(json, file, where, "pretokenizers",
                     [&](const JsonFields& fields, const std::string& type, const std::string& at) {
                         pre.steps_.push_back(parseStep(fields, type, file, at));
                     });
    return pre;
}

PreTokenizer::Step PreTokenizer::parseStep(const JsonFields& fields, const std::string& type, const std::string& file,
                                           const std::string& where) {
    if (type == "ByteLevel") {
        ByteLevelStep step{fields.optionalBool("add_prefix_space", true), std::nullopt};
        if (fields.optionalBool("use_regex", true)) {
            step.split = SplitStep{compile(kGpt2Pattern, false, file, where), Behavior::Isolated, false};
        }
        return step;
    }
    if (type == "Split") {
        JsonFields pattern(fields.at("pattern"), file, where + ".pattern");
        const bool literal = pattern.has("String");
        if (!literal && !pattern.has("Regex")) pattern.fail("Regex", "is missing (or 'String')");
        const std::string text = pattern.requiredString(literal ? "String" : "Regex");
        return SplitStep{compile(text, literal, file, where), behaviorNamed(fields), fields.optionalBool("invert", false)};
    }
    if (type == "Digits") {
        // Hugging Face splits on char::is_numeric, which is the Unicode class N: one digit per piece, or
        // each run of digits as one piece (Contiguous there, the same pieces as Isolated on \p{N}+).
        const bool individual = fields.optionalBool("individual_digits", false);
        return SplitStep{compile(individual ? R"(\p{N})" : R"(\p{N}+)", false, file, where), Behavior::Isolated, false};
    }
    if (type == "Whitespace") return SplitStep{compile(R"(\w+|[^\w\s]+)", false, file, where), Behavior::Removed, true};
    if (type == "WhitespaceSplit") return SplitStep{compile(R"(\s+)", false, file, where), Behavior::Removed, false};
    throw FileError(file, where + ": pre-tokenizer type '" + type +
                              "' is not supported (supported: ByteLevel, Split, Digits, Whitespace, "
                              "WhitespaceSplit, Sequence)");
}

bool PreTokenizer::byteLevel() const {
    for (const Step& step : steps_) {
        if (std::holds_alternative<ByteLevelStep>(step)) return true;
    }
    return false;
}

std::vector<std::string> PreTokenizer::split(std::string_view text) const {
    std::vector<std::string> pieces;
    if (text.empty()) return pieces;
    pieces.emplace_back(text);
    for (const Step& step : steps_) {
        std::vector<std::string> next;
        next.reserve(pieces.size());
        for (const std::string& piece : pieces) {
            std::visit([&](const auto& s) { s.apply(piece, next); }, step);
        }
        pieces = std::move(next);
    }
    return pieces;
}

// Follows Hugging Face's SplitDelimiterBehavior exactly (normalizer.rs, NormalizedString::split).
void PreTokenizer::SplitStep::apply(const std::string& piece, std::vector<std::string>& out) const {
    struct Part {
        Span span;
        bool match;
    };
    std::vector<Part> parts;
    std::size_t position = 0;
    for (const Span& m : regex.findAll(piece)) {
        if (m.begin > position) parts.push_back({{position, m.begin}, invert});
        parts.push_back({m, !invert});
        position = m.end;
    }
    if (position < piece.size()) parts.push_back({{position, piece.size()}, invert});

    std::vector<Span> kept;
    bool previousMatch = false;
    switch (behavior) {
    case Behavior::Removed:
        for (const Part& p : parts) {
            if (!p.match) kept.push_back(p.span);
        }
        break;
    case Behavior::Isolated:
        for (const Part& p : parts) kept.push_back(p.span);
        break;
    case Behavior::MergedWithPrevious:
        for (const Part& p : parts) {
            if (p.match && !previousMatch && !kept.empty()) {
                kept.back().end = p.span.end;
            } else {
                kept.push_back(p.span);
            }
            previousMatch = p.match;
        }
        break;
    case Behavior::MergedWithNext:
        for (auto p = parts.rbegin(); p != parts.rend(); ++p) {
            if (p->match && !previousMatch && !kept.empty()) {
                kept.back().begin = p->span.begin;
            } else {
                kept.push_back(p->span);
            }
            previousMatch = p->match;
        }
        std::reverse(kept.begin(), kept.end());
        break;
    case Behavior::Contiguous:
        for (const Part& p : parts) {
            if (p.match == previousMatch && !kept.empty()) {
                kept.back().end = p.span.end;
            } else {
                kept.push_back(p.span);
            }
            previousMatch = p.match;
        }
        break;
    }
    for (const Span& s : kept) out.push_back(piece.substr(s.begin, s.end - s.begin));
}

void PreTokenizer::ByteLevelStep::apply(const std::string& piece, std::vector<std::string>& out) const {
    const std::string text = addPrefixSpace && piece.front() != ' ' ? " " + piece : piece;
    std::vector<std::string> parts;
    if (split) {
        split->apply(text, parts);
    } else {
        parts.push_back(text);
    }
    for (const std::string& part : parts) {
        std::string mapped;
        ByteLevelMap::instance().encode(part, mapped);
        out.push_back(std::move(mapped));
    }
}

}  // namespace redit::tok
