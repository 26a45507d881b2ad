#include "stages/run_model.h"

#include <filesystem>
#include <regex>

#include <torch/cuda.h>

#include "data/dataset_spec.h"
#include "jobs/job_context.h"
#include "results/provenance.h"
#include "results/run_records.h"
#include "stages/project_paths.h"
#include "store/runs.h"
#include "util/error.h"

namespace redit {

at::Device runDevice(const std::string& device) {
    static const std::regex pattern("cpu|cuda(:([0-9]+))?");
    std::smatch match;
    if (!std::regex_match(device, match, pattern))
        throw ConfigError("device '" + device + "': expected cpu, cuda or cuda:N");
    if (device == "cpu") return at::kCPU;
    const int64_t index = match[2].matched ? std::stoll(match[2].str()) : 0;
    const int64_t available = torch::cuda::is_available() ? int64_t(torch::cuda::device_count()) : 0;
    if (available == 0)
        throw ConfigError("device '" + device + "': this run asks for a CUDA GPU, but " +
                          std::string(at::hasCUDA() ? "no CUDA device is present" : "this build of LibTorch has no CUDA") +
                          "; set the run's device to cpu");
    if (index >= available)
        throw ConfigError("device '" + device + "': only " + std::to_string(available) + " CUDA device(s) present");
    return at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(index));
}

RunModel loadRunModel(JobContext& context, const std::string& param) {
    const at::Device device = runDevice(context.device());
    const std::string given = context.params().at(param).get<std::string>();
    const std::string folder =
        std::filesystem::absolute(resolveProjectPath(context.store(), given)).lexically_normal().string();
    LoadOptions options;
    options.device = device;
    LoadedModel loaded = loadModel(folder, options);
    const std::int64_t modelId = results::registerModel(context.store(), folder);
    if (!loadRun(context.store(), context.runId()).modelId) results::setRunInputs(context.store(), context.runId(), modelId);
    return RunModel{folder, device, modelId, std::move(loaded)};
}

std::vector<data::Pattern> loadRunDataset(JobContext& context, const std::string& param) {
    const std::string spec = context.params().at(param).get<std::string>();
    std::vector<data::Pattern> patterns = data::loadDataset(spec);
    const int64_t datasetId = results::registerDataset(context.store(), spec, patterns);
    const RunRecord run = loadRun(context.store(), context.runId());
    if (!run.datasetId && run.modelId) results::setRunInputs(context.store(), context.runId(), *run.modelId, datasetId);
    return patterns;
}

RunInputs loadRunInputs(JobContext& context) {
    RunModel run = loadRunModel(context);
    std::vector<data::Pattern> patterns = loadRunDataset(context);
    return RunInputs{std::move(run), context.params().at("data").get<std::string>(), std::move(patterns)};
}

}  // namespace redit
