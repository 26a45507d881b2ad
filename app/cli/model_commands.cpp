// `redit model info|generate` and `redit tokenize`.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "cli/terminal_table.h"
#include "model/model_config.h"
#include "util/torch_runtime.h"

namespace redit::cli {

namespace {

std::string humanCount(double n) {
    const char* units[] = {"", "K", "M", "B", "T"};
    int u = 0;
    while (n >= 1000 && u < 4) { n /= 1000; ++u; }
    char buf[32];
    std::snprintf(buf, sizeof buf, u ? "%.2f%s" : "%.0f%s", n, units[u]);
    return buf;
}

void modelInfo(const std::string& dir, int threads) {
    configureThreads(threads);
    ModelConfig c = loadModelConfig(dir + "/config.json");
    RuntimeInfo rt = runtimeInfo();
    printFields(std::cout, {
        {"architecture", c.modelType},
        {"layers", std::to_string(c.numLayers)},
        {"hidden size", std::to_string(c.hiddenSize)},
        {"heads (query / key-value)", std::to_string(c.numHeads) + " / " + std::to_string(c.numKeyValueHeads)},
        {"parameters", humanCount(double(c.parameterCount()))},
        {"checkpoint dtype", c.torchDtype},
        {"LibTorch", rt.torchVersion},
        {"BLAS", rt.blas},
        {"threads", std::to_string(rt.threads)},
    });
}

}  // namespace

void addModelCommands(CLI::App& app) {
    CLI::App* model = app.add_subcommand("model", "Inspect and run a Hugging Face-layout model folder");
    model->require_subcommand(1);

    auto* info = model->add_subcommand("info", "Architecture, size, tokenizer and memory estimate");
    auto dir = std::make_shared<std::string>();
    auto threads = std::make_shared<int>(0);
    info->add_option("dir", *dir, "Model folder (config.json, *.safetensors, tokenizer.json)")->required();
    info->add_option("--threads", *threads, "CPU threads (0 = all cores)");
    info->callback([dir, threads] { modelInfo(*dir, *threads); });
}

}  // namespace redit::cli
