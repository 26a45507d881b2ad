// `redit model info|generate|convert` and `redit tokenize`; a model is a folder or a .gguf file.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "cli/terminal_table.h"
#include "model/model_folder.h"
#include "model/model_summary.h"
#include "model/scoring.h"
#include "model/tokenizer.h"
#include "util/error.h"
#include "util/torch_runtime.h"

namespace redit::cli {

namespace {

at::ScalarType parseDtype(const std::string& name) {
    if (name == "fp32" || name == "float32") return at::kFloat;
    if (name == "bf16" || name == "bfloat16") return at::kBFloat16;
    throw ConfigError("unknown dtype '" + name + "' (fp32 or bf16)");
}

struct InfoOptions {
    std::string dir;
    int threads = 0;
    int64_t batch = 8;
    int64_t length = 256;
    std::string dtype = "fp32";
};

void modelInfo(const InfoOptions& o) {
    configureThreads(o.threads);
    std::vector<std::pair<std::string, std::string>> fields = modelSummary(o.dir, {o.batch, o.length, o.dtype});
    RuntimeInfo rt = runtimeInfo();
    fields.emplace_back("LibTorch",
                        rt.torchVersion + (rt.cudaAvailable ? ", CUDA devices: " + std::to_string(rt.cudaDevices) : ", CPU only"));
    fields.emplace_back("BLAS", rt.blas);
    fields.emplace_back("threads", std::to_string(rt.threads));
    printFields(std::cout, fields);
}

struct GenerateOptions {
    std::string dir;
    std::string prompt;
    int64_t maxNewTokens = 20;
    std::string dtype = "fp32";
    int threads = 0;
};

void modelGenerate(const GenerateOptions& o) {
    configureThreads(o.threads);
    LoadedModel m = loadModel(o.dir, LoadOptions{parseDtype(o.dtype), at::kCPU});
    std::vector<int32_t> prompt = m.tokenizer.encode(o.prompt, /*addSpecialTokens=*/true);
    if (prompt.empty()) throw ConfigError("the prompt encodes to no tokens");
    const int64_t eos = m.model->config().eosTokenId.value_or(-1);
    std::vector<int32_t> out = greedyGenerate(*m.model, prompt, o.maxNewTokens, eos);
    std::cout << o.prompt << m.tokenizer.decode(out, /*skipSpecialTokens=*/true) << '\n';
}

void tokenize(const std::string& dir, const std::vector<std::string>& texts, bool special, bool idsOnly) {
    Tokenizer tokenizer = loadModelTokenizer(dir);
    for (const std::string& text : texts) {
        std::vector<int32_t> ids = tokenizer.encode(text, special);
        if (idsOnly) {  // for scripts: the ids of each text, space-separated, on one line
            for (size_t i = 0; i < ids.size(); ++i) std::cout << (i ? " " : "") << ids[i];
            std::cout << '\n';
            continue;
        }
        TerminalTable table({"#", "id", "token"});
        for (size_t i = 0; i < ids.size(); ++i)
            table.addRow({std::to_string(i), std::to_string(ids[i]), tokenizer.idToToken(ids[i])});
        table.print(std::cout);
        std::cout << ids.size() << " tokens; decoded: " << tokenizer.decode(ids) << '\n';
    }
}

struct ConvertOptions {
    std::string gguf;
    std::string out;
    std::string dtype = "fp32";
};

void modelConvert(const ConvertOptions& o) {
    if (!isGgufPath(o.gguf)) throw FileError(o.gguf, "not a .gguf file");
    convertGgufToFolder(o.gguf, o.out, parseDtype(o.dtype));
    std::cout << "wrote " << o.out << " (config.json, model.safetensors in " << o.dtype << ", tokenizer.json)\n";
}

}  // namespace

void addModelCommands(CLI::App& app) {
    CLI::App* model = app.add_subcommand("model", "Inspect, run and convert a model (Hugging Face folder or .gguf file)");
    model->require_subcommand(1);

    auto info = std::make_shared<InfoOptions>();
    CLI::App* infoCmd = model->add_subcommand("info", "Architecture, size, tokenizer, BLAS and memory estimate");
    infoCmd->add_option("model", info->dir, "Model folder (config.json, *.safetensors, tokenizer.json) or .gguf file")->required();
    infoCmd->add_option("--batch", info->batch, "Batch size for the memory estimate")->capture_default_str();
    infoCmd->add_option("--length", info->length, "Sequence length for the memory estimate")->capture_default_str();
    infoCmd->add_option("--dtype", info->dtype, "fp32 or bf16")->capture_default_str();
    infoCmd->add_option("--threads", info->threads, "CPU threads (0 = all cores)");
    infoCmd->callback([info] { modelInfo(*info); });

    auto gen = std::make_shared<GenerateOptions>();
    CLI::App* genCmd = model->add_subcommand("generate", "Greedy decoding from a prompt");
    genCmd->add_option("model", gen->dir, "Model folder or .gguf file")->required();
    genCmd->add_option("--prompt", gen->prompt, "Prompt text")->required();
    genCmd->add_option("--max-new-tokens", gen->maxNewTokens)->capture_default_str();
    genCmd->add_option("--dtype", gen->dtype, "fp32 or bf16")->capture_default_str();
    genCmd->add_option("--threads", gen->threads, "CPU threads (0 = all cores)");
    genCmd->callback([gen] { modelGenerate(*gen); });

    auto conv = std::make_shared<ConvertOptions>();
    CLI::App* convCmd = model->add_subcommand("convert", "Write a .gguf model as a Hugging Face folder");
    convCmd->add_option("gguf", conv->gguf, ".gguf file")->required();
    convCmd->add_option("--out", conv->out, "Folder to write (config.json, model.safetensors, tokenizer.json)")->required();
    convCmd->add_option("--dtype", conv->dtype, "fp32 or bf16 (dequantised weights)")->capture_default_str();
    convCmd->callback([conv] { modelConvert(*conv); });

    auto dir = std::make_shared<std::string>();
    auto texts = std::make_shared<std::vector<std::string>>();
    auto special = std::make_shared<bool>(false);
    CLI::App* tok = app.add_subcommand("tokenize", "Show how a model's tokenizer splits a text");
    tok->add_option("model", *dir, "Model folder (its tokenizer.json) or .gguf file")->required();
    tok->add_option("--text", *texts, "Text to encode (repeat the option to encode several)")->required()
        ->allow_extra_args(false);
    tok->add_flag("--special", *special, "Add the special tokens of the post-processor (e.g. BOS)");
    auto idsOnly = std::make_shared<bool>(false);
    tok->add_flag("--ids-only", *idsOnly, "Print only the ids, space-separated, one line per text (for scripts)");
    tok->callback([dir, texts, special, idsOnly] { tokenize(*dir, *texts, *special, *idsOnly); });
}

}  // namespace redit::cli
