#include "results/provenance.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "store/models.h"
#include "util/json_file.h"
#include "util/fnv1a.h"
#include "util/mapped_file.h"

namespace redit::results {

std::string modelContentHash(const std::string& folder) {
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_regular_file(folder)) files.push_back(folder);  // a single-file model (.gguf)
    else for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        const std::string name = entry.path().filename().string();
        if (name == "config.json" || name == "tokenizer.json" || entry.path().extension() == ".safetensors")
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    Fnv1a hash;
    for (const auto& file : files) {
        hash.addField(file.filename().string());
        const MappedFile mapped(file.string());
        hash.add(mapped.data(), mapped.size());
    }
    return hash.hex();
}

std::string datasetContentHash(const std::vector<data::Pattern>& patterns) {
    Fnv1a hash;
    for (const data::Pattern& p : patterns) {
        hash.addField(p.id);
        for (const data::Instance& instance : p.instances) hash.addField(instance.text);
    }
    return hash.hex();
}

int64_t registerModel(ProjectStore& store, const std::string& modelFolder) {
    const std::string folder = std::filesystem::absolute(modelFolder).lexically_normal().string();
    const nlohmann::json config = readJsonFile(folder + "/config.json");
    return addModel(store, {0, std::filesystem::path(folder).filename().string(), folder, config,
                            modelContentHash(folder)});
}

RegisteredInputs registerInputs(ProjectStore& store, const std::string& modelFolder, const std::string& dataSpec,
                                const std::vector<data::Pattern>& patterns) {
    RegisteredInputs ids;
    ids.modelId = registerModel(store, modelFolder);
    ids.datasetId = registerDataset(store, dataSpec, patterns);
    return ids;
}

int64_t registerDataset(ProjectStore& store, const std::string& dataSpec, const std::vector<data::Pattern>& patterns) {
    return addDataset(store, {0, dataSpec, {{"spec", dataSpec}}, datasetContentHash(patterns)});
}

}  // namespace redit::results
