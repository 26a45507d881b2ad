#include "model/tokenizer_decoder.h"

#include <stdexcept>

#include "model/tokenizer_byte_level.h"
#include "model/tokenizer_components.h"
#include "model/tokenizer_unicode.h"
#include "model/tokenizer_utf8.h"
#include "util/error.h"

namespace redit::tok {

namespace {

std::string replaceAll(const Regex& pattern, const std::string& content, const std::string& text) {
    std::string out;
    std::size_t position = 0;
    for (const Span& m : pattern.findAll(text)) {
        out.append(text, position, m.begin - position);
        out += content;
        position = m.end;
    }
    out.append(text, position, std::string::npos);
    return out;
}

int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// "<0xAB>" -> 0xAB, else -1 (Rust's u8::from_str_radix takes either case and no sign here).
int fallbackByte(const std::string& token) {
    if (token.size() != 6 || token.compare(0, 3, "<0x") != 0 || token[5] != '>') return -1;
    const int high = hexDigit(token[3]), low = hexDigit(token[4]);
    return high < 0 || low < 0 ? -1 : high * 16 + low;
}

// Hugging Face's WordPiece cleanup (decoders/wordpiece.rs).
std::string cleanup(std::string text) {
    const std::pair<const char*, const char*> replacements[] = {
        {" .", "."}, {" ?", "?"}, {" !", "!"}, {" ,", ","}, {" ' ", "'"}, {" n't", "n't"},
        {" 'm", "'m"}, {" do not", " don't"}, {" 's", "'s"}, {" 've", "'ve"}, {" 're", "'re"}};
    for (const auto& [from, to] : replacements) {
        const std::string f(from), t(to);
        std::string out;
        std::size_t position = 0, found;
        while ((found = text.find(f, position)) != std::string::npos) {
            out.append(text, position, found - position);
            out += t;
            position = found + f.size();
        }
        out.append(text, position, std::string::npos);
        text = std::move(out);
    }
    return text;
}

}  // namespace

Decoder Decoder::parse(const nlohmann::json& json, const std::string& file, const std::string& where) {
    Decoder decoder;
    decoder.present_ = !json.is_null();
    forEachComponent(json, file, where, "decoders",
                     [&](const JsonFields& fields, const std::string& type, const std::string& at) {
                         decoder.steps_.push_back(parseStep(fields, type, file, at));
                     });
    return decoder;
}

Decoder::Step Decoder::parseStep(const JsonFields& fields, const std::string& type, const std::string& file,
                                 const std::string& where) {
    if (type == "ByteLevel") return ByteLevel{};
    if (type == "ByteFallback") return ByteFallback{};
    if (type == "Fuse") return Fuse{};
    if (type == "Replace") {
        JsonFields pattern(fields.at("pattern"), file, where + ".pattern");
        const bool literal = pattern.has("String");
        if (!literal && !pattern.has("Regex")) pattern.fail("Regex", "is missing (or 'String')");
        const std::string text = pattern.requiredString(literal ? "String" : "Regex");
        try {
            return Replace{Regex(text, literal), fields.requiredString("content")};
        } catch (const std::invalid_argument& e) {
            throw FileError(file, where + ": pattern '" + text + "' is not a valid regular expression: " + e.what());
        }
    }
    if (type == "Strip") {
        const std::u32string content = toCodePoints(fields.requiredString("content"));
        if (content.size() != 1) fields.fail("content", "must be one character");
        const long long start = fields.requiredInt("start"), stop = fields.requiredInt("stop");
        if (start < 0 || stop < 0) fields.fail(start < 0 ? "start" : "stop", "must not be negative");
        return Strip{content, std::size_t(start), std::size_t(stop)};
    }
    if (type == "Metaspace") {
        const std::string replacement = fields.requiredString("replacement");
        if (toCodePoints(replacement).size() != 1) fields.fail("replacement", "must be one character");
        bool prepended = fields.optionalBool("add_prefix_space", true);
        if (fields.has("prepend_scheme")) prepended = fields.requiredString("prepend_scheme") != "never";
        return Metaspace{replacement, prepended};
    }
    if (type == "WordPiece") return WordPiece{fields.optionalString("prefix", "##"), fields.optionalBool("cleanup", true)};
    throw FileError(file, where + ": decoder type '" + type +
                              "' is not supported (supported: ByteLevel, Replace, ByteFallback, Fuse, Strip, "
                              "Metaspace, WordPiece, Sequence, null)");
}

void Decoder::apply(const Step& step, std::vector<std::string>& tokens) {
    if (std::holds_alternative<ByteLevel>(step)) {
        std::string bytes;
        for (const std::string& token : tokens) {
            if (!ByteLevelMap::instance().decode(token, bytes)) bytes += token;  // not byte-level: as written
        }
        tokens.assign(1, toValidUtf8(bytes));
    } else if (const auto* s = std::get_if<Replace>(&step)) {
        for (std::string& token : tokens) token = replaceAll(s->pattern, s->content, token);
    } else if (std::holds_alternative<ByteFallback>(step)) {
        std::vector<std::string> out;
        std::string pending;
        auto flush = [&] {
            if (pending.empty()) return;
            if (!firstInvalidUtf8(pending)) {
                out.push_back(pending);
            } else {
                for (std::size_t i = 0; i < pending.size(); ++i) out.emplace_back("\xEF\xBF\xBD");
            }
            pending.clear();
        };
        for (std::string& token : tokens) {
            const int byte = fallbackByte(token);
            if (byte >= 0) {
                pending += char(byte);
            } else {
                flush();
                out.push_back(std::move(token));
            }
        }
        flush();
        tokens = std::move(out);
    } else if (std::holds_alternative<Fuse>(step)) {
        std::string joined;
        for (const std::string& token : tokens) joined += token;
        tokens.assign(1, joined);
    } else if (const auto* s = std::get_if<Strip>(&step)) {
        for (std::string& token : tokens) {
            const std::u32string chars = toCodePoints(token);
            std::size_t begin = 0, end = chars.size();
            for (std::size_t i = 0; i < s->start && i < chars.size() && chars[i] == s->content[0]; ++i) begin = i + 1;
            for (std::size_t i = 0; i < s->stop && i < chars.size() && chars[chars.size() - 1 - i] == s->content[0]; ++i) {
                end = chars.size() - 1 - i;
            }
            token = begin < end ? toUtf8(std::u32string_view(chars).substr(begin, end - begin)) : std::string();
        }
    } else if (const auto* s = std::get_if<Metaspace>(&step)) {
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            const std::string replacement = i == 0 && s->prepended ? std::string() : std::string(" ");
            std::string out;
            std::size_t position = 0, found;
            while ((found = tokens[i].find(s->replacement, position)) != std::string::npos) {
                out.append(tokens[i], position, found - position);
                out += replacement;
                position = found + s->replacement.size();
            }
            out.append(tokens[i], position, std::string::npos);
            tokens[i] = std::move(out);
        }
    } else if (const auto* s = std::get_if<WordPiece>(&step)) {
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            std::string& token = tokens[i];
            if (i > 0) {
                if (token.compare(0, s->prefix.size(), s->prefix) == 0) {
                    token.erase(0, s->prefix.size());
                } else {
                    token = " " + token;
                }
            }
            if (s->cleanup) token = cleanup(std::move(token));
        }
    }
}

std::string Decoder::decode(const std::vector<const std::string*>& tokens) const {
    std::vector<std::string> strings;
    strings.reserve(tokens.size());
    for (const std::string* token : tokens) strings.push_back(*token);
    if (!present_) {  // no decoder: joined with spaces
        std::string joined;
        for (std::size_t i = 0; i < strings.size(); ++i) joined += (i > 0 ? " " : "") + strings[i];
        return toValidUtf8(joined);
    }
    for (const Step& step : steps_) apply(step, strings);
    std::string joined;
    for (const std::string& s : strings) joined += s;
    return toValidUtf8(joined);
}

}  // namespace redit::tok
