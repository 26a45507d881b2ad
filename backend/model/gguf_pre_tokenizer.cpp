#include "model/gguf_pre_tokenizer.h"

#include <vector>

namespace redit::tok {

namespace {

using nlohmann::json;

// llama.cpp applies a list of regular expressions one after the other; each cuts every piece so far into
// its matches and the stretches between them. That is a Split with behavior Isolated per expression, then
// the byte-level mapping without GPT-2's own regex. The patterns are llama.cpp's (Llama 3 and Qwen2 spell
// the case-insensitive contractions out as [sS] etc.; PCRE2 would also fold e.g. U+017F into 's').
const char* const kGpt2 = R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";
const char* const kLlama3 =
    R"((?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
const char* const kQwen2 =
    R"((?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
const char* const kCjk = R"([\x{4E00}-\x{9FA5}\x{0800}-\x{4E00}\x{AC00}-\x{D7FF}]+)";
const char* const kBloom = R"( ?[^(\s|.,!?…。，、।۔،)]+)";

json byteLevel(bool useRegex) {
    return {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", false}, {"use_regex", useRegex}};
}

json isolated(const std::string& regex) {
    return {{"type", "Split"}, {"pattern", {{"Regex", regex}}}, {"behavior", "Isolated"}, {"invert", false}};
}

json sequence(json steps) { return {{"type", "Sequence"}, {"pretokenizers", std::move(steps)}}; }

// llama.cpp's regular expressions in order, then the byte-level mapping.
json splits(const std::vector<std::string>& regexes) {
    json steps = json::array();
    for (const std::string& regex : regexes) steps.push_back(isolated(regex));
    steps.push_back(byteLevel(false));
    return sequence(std::move(steps));
}

struct Family {
    std::vector<std::string> names;  // tokenizer.ggml.pre values, as llama.cpp spells them
    json preTokenizer;
    bool ignoreMerges;
    bool addBos;
};

const std::vector<Family>& families() {
    static const std::vector<Family> table = {
        // GPT-2's regex is ByteLevel's own.
        {{"gpt-2", "phi-2", "mpt", "olmo", "jais", "exaone4", "trillion", "granite-docling", "mellum"},
         byteLevel(true), false, false},
        // Digits one by one, then GPT-2's regex: what SmolLM2's own tokenizer.json says.
        {{"smollm", "starcoder", "refact", "command-r", "codeshell", "exaone", "minerva-7b", "mellum2"},
         sequence({{{"type", "Digits"}, {"individual_digits", true}}, byteLevel(true)}), false, false},
        {{"qwen2", "deepseek-r1-qwen", "megrez", "stablelm2", "hunyuan", "kormo", "f2llmv2", "solar-open", "grok-2"},
         splits({kQwen2}), false, false},
        {{"llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1", "pixtral", "midm-2.0", "lfm2"},
         splits({kLlama3}), true, true},
        {{"dbrx", "smaug-bpe", "chatglm-bpe", "glm4"}, splits({kLlama3}), false, false},
        {{"falcon"}, splits({R"([\p{P}\$\+<=>\^~\|`]+)", kGpt2, "[0-9][0-9][0-9]"}), false, false},
        {{"default", ""}, splits({R"([\p{P}\$\+<=>\^~\|]+)", kGpt2, R"(\p{N}+)", "[0-9][0-9][0-9]"}), false, false},
        {{"deepseek-coder"}, splits({"[\r\n]", R"(\s?\p{L}+)", R"(\s?\p{P}+)", kCjk, R"(\p{N})"}), false, false},
        {{"deepseek-v3", "hunyuan-dense", "joyai-llm"},
         splits({R"(\p{N}{1,3})", R"([\x{4E00}-\x{9FA5}\x{3040}-\x{309F}\x{30A0}-\x{30FF}]+)",
                 R"([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~][A-Za-z]+|[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+| ?[\p{P}\p{S}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)"}),
         false, false},
        {{"bloom", "poro-chat", "gpt3-finnish"}, splits({kBloom}), false, false},
        {{"viking"}, splits({kBloom, R"(\p{N})"}), false, false},
    };
    return table;
}

}  // namespace

std::optional<GgufPreTokenizer> ggufPreTokenizer(const std::string& pre) {
    for (const Family& family : families()) {
        for (const std::string& name : family.names) {
            if (name == pre) return GgufPreTokenizer{family.preTokenizer, family.ignoreMerges, family.addBos};
        }
    }
    return std::nullopt;
}

std::string supportedGgufPreTokenizers() {
    std::string out;
    for (const Family& family : families()) {
        for (const std::string& name : family.names) {
            if (name.empty()) continue;
            out += (out.empty() ? "" : ", ") + name;
        }
    }
    return out;
}

}  // namespace redit::tok
