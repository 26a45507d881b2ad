#include "model/model_folder.h"

#include <filesystem>

#include "model/gguf_file.h"
#include "model/gguf_model.h"
#include "model/tensor_io.h"
#include "util/error.h"
#include "util/json_file.h"

namespace redit {

namespace fs = std::filesystem;

ModelConfig readFolderConfig(const std::string& folder) {
    if (!fs::is_directory(folder)) throw FileError(folder, "not a model folder (no such directory)");
    return loadModelConfig((fs::path(folder) / "config.json").string());
}

DecoderModel loadDecoder(const std::string& folder, const ModelConfig& config, const LoadOptions& options) {
    return loadDecoder(*openSafetensorsWeights(folder), config, options);
}

DecoderModel loadDecoder(const WeightSource& source, const ModelConfig& c, const LoadOptions& options) {
    // The names and shapes come from DecoderWeights::named, the one list of Hugging Face names.
    DecoderWeights w = emptyDecoderWeights(c);
    for (auto& [name, slot] : w.namedSlots(c.tieWordEmbeddings))
        *slot = source.read(name, slot->sizes().vec(), options.dtype).to(options.device);
    // Some tied checkpoints still store lm_head.weight; the tie wins, as in transformers.
    if (c.tieWordEmbeddings) w.lmHead = w.embedding;
    return DecoderModel(c, std::move(w));
}

LoadedModel loadModelFolder(const std::string& folder, const LoadOptions& options) {
    ModelConfig config = readFolderConfig(folder);
    Tokenizer tokenizer = Tokenizer::fromFile((fs::path(folder) / "tokenizer.json").string());
    auto model = std::make_shared<DecoderModel>(loadDecoder(folder, config, options));
    return {folder, std::move(model), std::move(tokenizer)};
}

bool isGgufPath(const std::string& path) {
    const std::string ext = ".gguf";
    return path.size() > ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0 &&
           !fs::is_directory(path);
}

namespace {

Tokenizer ggufTokenizer(const gguf::File& file) {
    return Tokenizer::fromJson(tokenizerJsonFromGguf(gguf::tokenizerMetadata(file), file.path()), file.path());
}

void checkModelPath(const std::string& path) {
    if (!fs::exists(path)) throw FileError(path, "no such model folder or .gguf file");
}

}  // namespace

ModelConfig readModelConfig(const std::string& path) {
    checkModelPath(path);
    if (isGgufPath(path)) return gguf::modelConfig(*gguf::File::open(path));
    return readFolderConfig(path);
}

Tokenizer loadModelTokenizer(const std::string& path) {
    checkModelPath(path);
    if (isGgufPath(path)) return ggufTokenizer(*gguf::File::open(path));
    return Tokenizer::fromFile((fs::path(path) / "tokenizer.json").string());
}

nlohmann::json modelTokenizerJson(const std::string& path) {
    checkModelPath(path);
    if (isGgufPath(path)) {
        const auto file = gguf::File::open(path);
        return tokenizerJsonFromGguf(gguf::tokenizerMetadata(*file), file->path());
    }
    return readJsonFile((fs::path(path) / "tokenizer.json").string());
}

LoadedModel loadModel(const std::string& path, const LoadOptions& options) {
    checkModelPath(path);
    if (!isGgufPath(path)) return loadModelFolder(path, options);
    auto file = gguf::File::open(path);
    ModelConfig config = gguf::modelConfig(*file);
    Tokenizer tokenizer = ggufTokenizer(*file);
    auto model = std::make_shared<DecoderModel>(loadDecoder(*openGgufWeights(file, config), config, options));
    return {path, std::move(model), std::move(tokenizer)};
}

void saveModelFolder(const std::string& folder, const DecoderModel& model,
                     const std::optional<nlohmann::json>& tokenizerJson) {
    fs::create_directories(folder);
    ModelConfig config = model.config();
    config.torchDtype = model.dtype() == at::kBFloat16 ? "bfloat16" : model.dtype() == at::kHalf ? "float16" : "float32";
    writeJsonFile((fs::path(folder) / "config.json").string(), config.toJson());
    saveTensors((fs::path(folder) / "model.safetensors").string(), model.weights().named(config.tieWordEmbeddings),
                {{"format", "pt"}});
    if (tokenizerJson) writeJsonFile((fs::path(folder) / "tokenizer.json").string(), *tokenizerJson);
}

void convertGgufToFolder(const std::string& ggufPath, const std::string& folder, at::ScalarType dtype) {
    auto file = gguf::File::open(ggufPath);
    const ModelConfig config = gguf::modelConfig(*file);
    const nlohmann::json tokenizerJson = tokenizerJsonFromGguf(gguf::tokenizerMetadata(*file), file->path());
    Tokenizer::fromJson(tokenizerJson, file->path());  // fail before writing anything
    const DecoderModel model = loadDecoder(*openGgufWeights(file, config), config, {dtype, at::kCPU});
    saveModelFolder(folder, model, tokenizerJson);
}

}  // namespace redit
