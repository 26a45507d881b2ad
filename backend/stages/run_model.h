#pragma once
// The one place a run loads its model (every stage that reads a model calls loadRunModel):
//   - the run's "model" param is resolved against the project file's folder (resolveProjectPath), the same
//     for the CLI and the GUI whatever their working directory; absolute paths are kept;
//   - the model is loaded onto the run's `device` ("cpu", "cuda" or "cuda:N"): ConfigError naming the device
//     when the run asks for CUDA and this build or machine has none;
//   - the folder is registered in the project's models table by its one content hash
//     (results::modelContentHash) and recorded as the run's model when the run was created without one.
#include <cstdint>
#include <string>

#include <ATen/ATen.h>

#include "data/pattern.h"
#include "model/model_folder.h"

namespace redit {

class JobContext;

// The torch device a run's `device` setting names. ConfigError for a malformed name, and for CUDA when
// LibTorch sees no CUDA device (or fewer than N + 1).
at::Device runDevice(const std::string& device);

struct RunModel {
    std::string folder;  // resolved, absolute
    at::Device device = at::kCPU;
    std::int64_t modelId = 0;  // in the project's models table
    LoadedModel loaded;
};

// Loads the model the run's param `param` names (see above).
RunModel loadRunModel(JobContext& context, const std::string& param = "model");

// A run's model and dataset, loaded and recorded by loadRunModel and loadRunDataset ("model" and "data").
struct RunInputs {
    RunModel run;
    std::string dataSpec;
    std::vector<data::Pattern> patterns;
    DecoderModel& model() const { return *run.loaded.model; }
    const Tokenizer& tokenizer() const { return run.loaded.tokenizer; }
};
RunInputs loadRunInputs(JobContext& context);

// Loads the dataset the run's param `param` names (a dataset spec) and records it, with its content hash, as
// the run's dataset when the run was created without one.
std::vector<data::Pattern> loadRunDataset(JobContext& context, const std::string& param = "data");

}  // namespace redit
