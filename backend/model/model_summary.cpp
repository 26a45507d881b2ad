#include "model/model_summary.h"

#include <cstdio>
#include <filesystem>

#include "model/gguf_file.h"
#include "model/gguf_model.h"
#include "model/gguf_tokenizer.h"
#include "model/memory_estimate.h"
#include "model/model_config.h"
#include "model/safetensors.h"
#include "model/tokenizer.h"
#include "util/error.h"

namespace redit {

namespace {

namespace fs = std::filesystem;

bool isGgufFile(const std::string& path) {
    return fs::path(path).extension() == ".gguf" && !fs::is_directory(path);
}

int64_t dtypeBytes(const std::string& name) {
    if (name == "fp32" || name == "float32") return 4;
    if (name == "bf16" || name == "bfloat16") return 2;
    throw ConfigError("unknown dtype '" + name + "' (fp32 or bf16)");
}

int64_t checkpointBytes(const std::string& path, bool gguf) {
    if (gguf) return static_cast<int64_t>(fs::file_size(path));
    int64_t total = 0;
    for (const auto& entry : fs::directory_iterator(path))
        if (entry.path().extension() == ".safetensors") total += static_cast<int64_t>(entry.file_size());
    return total;
}

}  // namespace

std::string humanCount(double n) {
    const char* units[] = {"", "K", "M", "B", "T"};
    int u = 0;
    while (n >= 1000 && u < 4) {
        n /= 1000;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, u ? "%.2f%s" : "%.0f%s", n, units[u]);
    return buf;
}

std::vector<std::pair<std::string, std::string>> modelSummary(const std::string& path, const ModelSummaryOptions& o) {
    if (!fs::exists(path)) throw FileError(path, "no such model folder or .gguf file");
    const int64_t bytes = dtypeBytes(o.dtype);
    const bool gguf = isGgufFile(path);
    if (!gguf && !fs::is_directory(path)) throw FileError(path, "not a model folder or .gguf file");
    std::vector<std::pair<std::string, std::string>> format;
    ModelConfig c;
    Tokenizer tokenizer = [&] {
        if (!gguf) {
            c = loadModelConfig((fs::path(path) / "config.json").string());
            safetensors::Archive archive = safetensors::Archive::openDirectory(path);
            format.emplace_back("checkpoint", std::to_string(archive.names().size()) + " tensors, layout verified");
            return Tokenizer::fromFile((fs::path(path) / "tokenizer.json").string());
        }
        auto file = gguf::File::open(path);
        c = gguf::modelConfig(*file);
        format = {{"format", "GGUF v" + std::to_string(file->version()) + ", " + std::to_string(file->tensors().size()) +
                                 " tensors, alignment " + std::to_string(file->alignment())},
                  {"tensor types", gguf::tensorTypeSummary(*file)}};
        if (std::string ft = gguf::fileTypeName(*file); !ft.empty()) format.emplace_back("quantisation", ft);
        if (auto name = file->optionalString("general.name")) format.emplace_back("name", *name);
        return Tokenizer::fromJson(tokenizerJsonFromGguf(gguf::tokenizerMetadata(*file), path), path);
    }();
    const std::string shape = " (batch " + std::to_string(o.batch) + " x length " + std::to_string(o.length) + ", " +
                              o.dtype + ")";
    auto memory = [&](ForwardMode mode) {
        return formatBytes(estimateMemory(c, bytes, o.batch, o.length, mode).totalBytes());
    };
    std::vector<std::pair<std::string, std::string>> rows = {{gguf ? "file" : "folder", path}};
    rows.insert(rows.end(), format.begin(), format.end());
    const std::vector<std::pair<std::string, std::string>> model = {
        {"architecture", c.modelType},
        {"layers", std::to_string(c.numLayers)},
        {"hidden size", std::to_string(c.hiddenSize)},
        {"MLP size", std::to_string(c.intermediateSize)},
        {"heads (query / key-value)", std::to_string(c.numHeads) + " / " + std::to_string(c.numKeyValueHeads)},
        {"head dim", std::to_string(c.headDim)},
        {"vocabulary", std::to_string(c.vocabSize)},
        {"tied embeddings", c.tieWordEmbeddings ? "yes" : "no"},
        {"parameters", humanCount(double(c.parameterCount()))},
    };
    rows.insert(rows.end(), model.begin(), model.end());
    if (!gguf) rows.emplace_back("checkpoint dtype", c.torchDtype);
    rows.emplace_back("checkpoint size", formatBytes(checkpointBytes(path, gguf)));
    rows.emplace_back("tokenizer", tokenizer.kind() + ", " + std::to_string(tokenizer.vocabSize()) + " ids");
    rows.emplace_back("memory, inference" + shape, memory(ForwardMode::Inference));
    rows.emplace_back("memory, training" + shape, memory(ForwardMode::Training));
    rows.emplace_back("memory, attribution" + shape, memory(ForwardMode::Attribution));
    return rows;
}

}  // namespace redit
