#include "model/tokenizer_pre_tokenizer.h"

#include <algorithm>
#include <stdexcept>

#include "model/tokenizer_byte_level.h"
#include "model/tokenizer_components.h"
#include "model/tokenizer_unicode.h"

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
                         parseStep(fields, type, file, at, pre.steps_);
                     });
    return pre;
}

void PreTokenizer::parseStep(const JsonFields& fields, const std::string& type, const std::string& file,
                             const std::string& where, std::vector<Step>& steps) {
    // Hugging Face's is_punc (and is_bert_punc): ASCII punctuation or a Unicode P* category.
    const char* const punctuation = R"([\p{P}!-/:-@\[-`{-~])";
    if (type == "ByteLevel") {
        ByteLevelStep step{fields.optionalBool("add_prefix_space", true), std::nullopt};
        if (fields.optionalBool("use_regex", true)) {
            step.split = SplitStep{compile(kGpt2Pattern, false, file, where), Behavior::Isolated, false};
        }
        steps.push_back(std::move(step));
    } else if (type == "Split") {
        JsonFields pattern(fields.at("pattern"), file, where + ".pattern");
        const bool literal = pattern.has("String");
        if (!literal && !pattern.has("Regex")) pattern.fail("Regex", "is missing (or 'String')");
        const std::string text = pattern.requiredString(literal ? "String" : "Regex");
        steps.push_back(
            SplitStep{compile(text, literal, file, where), behaviorNamed(fields), fields.optionalBool("invert", false)});
    } else if (type == "Digits") {
        // Hugging Face splits on char::is_numeric, which is the Unicode class N: one digit per piece, or
        // each run of digits as one piece (Contiguous there, the same pieces as Isolated on \p{N}+).
        const bool individual = fields.optionalBool("individual_digits", false);
        steps.push_back(
            SplitStep{compile(individual ? R"(\p{N})" : R"(\p{N}+)", false, file, where), Behavior::Isolated, false});
    } else if (type == "Whitespace") {
        steps.push_back(SplitStep{compile(R"(\w+|[^\w\s]+)", false, file, where), Behavior::Removed, true});
    } else if (type == "WhitespaceSplit") {
        steps.push_back(SplitStep{compile(R"(\s+)", false, file, where), Behavior::Removed, false});
    } else if (type == "Punctuation") {
        const Behavior behavior = fields.has("behavior") ? behaviorNamed(fields) : Behavior::Isolated;
        steps.push_back(SplitStep{compile(punctuation, false, file, where), behavior, false});
    } else if (type == "BertPreTokenizer") {
        steps.push_back(SplitStep{compile(R"(\s)", false, file, where), Behavior::Removed, false});
        steps.push_back(SplitStep{compile(punctuation, false, file, where), Behavior::Isolated, false});
    } else if (type == "CharDelimiterSplit") {
        const std::string delimiter = fields.requiredString("delimiter");
        if (toCodePoints(delimiter).size() != 1) fields.fail("delimiter", "must be one character");
        steps.push_back(SplitStep{compile(delimiter, true, file, where), Behavior::Removed, false});
    } else if (type == "UnicodeScripts") {
        steps.push_back(ScriptsStep{});
    } else if (type == "Metaspace") {
        using P = MetaspaceStep::Prepend;
        const std::string replacement = fields.requiredString("replacement");
        if (toCodePoints(replacement).size() != 1) fields.fail("replacement", "must be one character");
        P prepend = fields.optionalBool("add_prefix_space", true) ? P::Always : P::Never;  // files before 0.19
        if (fields.has("prepend_scheme")) {
            const std::string scheme = fields.requiredString("prepend_scheme");
            if (scheme == "always") {
                prepend = P::Always;
            } else if (scheme == "first") {
                prepend = P::First;
            } else if (scheme == "never") {
                prepend = P::Never;
            } else {
                fields.fail("prepend_scheme", "'" + scheme + "' is not a prepend scheme (always, first, never)");
            }
        }
        MetaspaceStep step{replacement, prepend, std::nullopt};
        if (fields.optionalBool("split", true)) {
            step.split = SplitStep{compile(replacement, true, file, where), Behavior::MergedWithNext, false};
        }
        steps.push_back(std::move(step));
    } else {
        throw FileError(file, where + ": pre-tokenizer type '" + type +
                                  "' is not supported (supported: ByteLevel, Split, Digits, Whitespace, "
                                  "WhitespaceSplit, Metaspace, Punctuation, BertPreTokenizer, UnicodeScripts, "
                                  "CharDelimiterSplit, Sequence)");
    }
}

bool PreTokenizer::byteLevel() const {
    for (const Step& step : steps_) {
        if (std::holds_alternative<ByteLevelStep>(step)) return true;
    }
    return false;
}

std::vector<std::string> PreTokenizer::split(std::string_view text, bool atStart) const {
    std::vector<std::string> out;
    if (text.empty()) return out;
    std::vector<Piece> pieces{{std::string(text), atStart}};
    for (const Step& step : steps_) {
        std::vector<Piece> next;
        next.reserve(pieces.size());
        for (const Piece& piece : pieces) {
            std::visit([&](const auto& s) { s.apply(piece, next); }, step);
        }
        pieces = std::move(next);
    }
    out.reserve(pieces.size());
    for (Piece& piece : pieces) out.push_back(std::move(piece.text));
    return out;
}

// Follows Hugging Face's SplitDelimiterBehavior exactly (normalizer.rs, NormalizedString::split).
void PreTokenizer::SplitStep::apply(const Piece& input, std::vector<Piece>& out) const {
    const std::string& piece = input.text;
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
    for (const Span& s : kept) out.push_back({piece.substr(s.begin, s.end - s.begin), input.atStart && s.begin == 0});
}

void PreTokenizer::ByteLevelStep::apply(const Piece& piece, std::vector<Piece>& out) const {
    const Piece text{addPrefixSpace && piece.text.front() != ' ' ? " " + piece.text : piece.text, piece.atStart};
    std::vector<Piece> parts;
    if (split) {
        split->apply(text, parts);
    } else {
        parts.push_back(text);
    }
    for (const Piece& part : parts) {
        std::string mapped;
        ByteLevelMap::instance().encode(part.text, mapped);
        out.push_back({std::move(mapped), part.atStart});
    }
}

// Hugging Face's Metaspace: spaces become the replacement, which is prepended unless the piece starts with it
// (scheme "first": only at the start of the input), then the piece is split before each replacement.
void PreTokenizer::MetaspaceStep::apply(const Piece& piece, std::vector<Piece>& out) const {
    std::string text;
    text.reserve(piece.text.size() + replacement.size());
    for (char c : piece.text) {
        if (c == ' ') {
            text += replacement;
        } else {
            text += c;
        }
    }
    const bool prefixed = text.compare(0, replacement.size(), replacement) == 0;
    if (!prefixed && (prepend == Prepend::Always || (prepend == Prepend::First && piece.atStart))) {
        text = replacement + text;
    }
    if (split) {
        split->apply({std::move(text), piece.atStart}, out);
    } else {
        out.push_back({std::move(text), piece.atStart});
    }
}

// Hugging Face's UnicodeScripts: a new piece starts where the script changes; spaces belong to no script
// (and a piece starts only at a character with a script, so leading spaces are dropped).
void PreTokenizer::ScriptsStep::apply(const Piece& piece, std::vector<Piece>& out) const {
    const std::u32string chars = toCodePoints(piece.text);
    std::vector<std::size_t> cuts;
    std::optional<int> last;
    std::size_t offset = 0;
    for (char32_t c : chars) {
        const int script = fixedScript(c);
        if (script != -1 && last != -1 && last != script) cuts.push_back(offset);
        std::string encoded;
        appendUtf8(c, encoded);
        offset += encoded.size();
        if (script != -1) last = script;
    }
    cuts.push_back(piece.text.size());
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
        if (cuts[i + 1] > cuts[i]) {
            out.push_back({piece.text.substr(cuts[i], cuts[i + 1] - cuts[i]), piece.atStart && cuts[i] == 0});
        }
    }
}

}  // namespace redit::tok
