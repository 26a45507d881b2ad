#include "sweep/sweep_estimate.h"

#include <algorithm>
#include <filesystem>

#include "model/memory_estimate.h"
#include "model/model_config.h"
#include "sweep/sweep_spec.h"
#include "util/error.h"

namespace redit {

namespace {

constexpr std::int64_t kPromptTokens = 256;  // the length `redit model info` estimates with
constexpr std::int64_t kFp32 = 4;

std::int64_t integerParam(const nlohmann::json& params, const std::string& key, std::int64_t fallback) {
    return params.contains(key) && params[key].is_number_integer() ? params[key].get<std::int64_t>() : fallback;
}

}  // namespace

CellEstimate estimateCell(const SweepCell& cell, const std::vector<double>& finishedSeconds) {
    CellEstimate e;
    if (!finishedSeconds.empty()) {
        e.seconds = *std::max_element(finishedSeconds.begin(), finishedSeconds.end());
        e.timeBasis = "longest of " + std::to_string(finishedSeconds.size()) + " finished cell(s)";
    } else {
        e.timeBasis = "unknown until a cell has finished (no stage estimates its duration)";
    }

    const std::string kind = cell.request.value("kind", "");
    const nlohmann::json params = cell.request.value("params", nlohmann::json::object());
    if (!params.contains("model") || !params["model"].is_string()) {
        e.memoryBasis = "unknown (the " + kind + " stage reads no model)";
        return e;
    }
    ModelConfig config;
    const std::string model = params["model"].get<std::string>();
    try {
        config = loadModelConfig((std::filesystem::path(model) / "config.json").string());
    } catch (const Error& error) {
        e.memoryBasis = std::string("unknown (") + error.what() + ")";
        return e;
    }
    MemoryEstimate m;
    std::string what;
    if (kind == "eval") {
        const std::int64_t batch = integerParam(params, "batch_size", 64);
        m = estimateMemory(config, kFp32, batch, kPromptTokens, ForwardMode::Inference);
        what = "inference, " + std::to_string(batch) + " x " + std::to_string(kPromptTokens) + " tokens";
    } else if (kind == "circuits") {
        m.weightBytes = config.parameterCount() * kFp32;
        m.activationBytes = integerParam(params, "memory_mb", 4096) << 20;
        what = "weights + the EAP budget memory_mb";
    } else if (kind == "interference" || kind == "compare" || kind == "reshape") {
        const std::int64_t batch = integerParam(params, kind == "reshape" ? "preserve_batch" : "batch", 16);
        m = estimateMemory(config, kFp32, batch, kPromptTokens, ForwardMode::Training);
        m.weightBytes *= 2;  // the edited copy beside the base model
        what = "training, " + std::to_string(batch) + " x " + std::to_string(kPromptTokens) + " tokens, two copies of the weights";
    } else {
        e.memoryBasis = "unknown (no estimate for the " + kind + " stage)";
        return e;
    }
    e.memoryBytes = m.totalBytes() + kRuntimeBytes;
    e.memoryBasis = "model estimate (" + what + ") + " + formatBytes(kRuntimeBytes) + " runtime";
    return e;
}

}  // namespace redit
