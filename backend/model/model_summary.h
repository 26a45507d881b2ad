#pragma once
// What `redit model info` prints about a model, without LibTorch: its architecture, size, checkpoint,
// tokenizer and memory estimates. The CLI adds the runtime (LibTorch, BLAS, threads); the workbench's model
// page shows these rows as they are.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace redit {

struct ModelSummaryOptions {
    int64_t batch = 8;
    int64_t length = 256;
    std::string dtype = "fp32";  // fp32 or bf16: the bytes per value of the memory estimates
};

// (label, value) rows for a model folder (config.json, *.safetensors, tokenizer.json) or a .gguf file. Opening
// the checkpoint validates every shard's layout, so a damaged download fails here. FileError naming the file
// and the problem for a missing or damaged file, ConfigError for an unknown dtype.
std::vector<std::pair<std::string, std::string>> modelSummary(const std::string& path,
                                                              const ModelSummaryOptions& options = {});

// "1.23M": a count with K, M, B or T.
std::string humanCount(double n);

}  // namespace redit
