#include "pipeline/project_inputs.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "store/models.h"
#include "util/json_file.h"
#include "util/mapped_file.h"

namespace redit::pipeline {

namespace {

class Fnv1a {
public:
    void add(const std::uint8_t* data, std::size_t size) {
        for (std::size_t i = 0; i < size; ++i) hash_ = (hash_ ^ data[i]) * 0x100000001b3ull;
    }
    void add(const std::string& text) {
        add(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
        add(reinterpret_cast<const std::uint8_t*>("\0"), 1);  // separator, so ("ab", "c") != ("a", "bc")
    }
    std::string hex() const {
        char out[17];
        std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash_));
        return out;
    }

private:
    std::uint64_t hash_ = 0xcbf29ce484222325ull;
};

}  // namespace

std::string modelContentHash(const std::string& folder) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        const std::string name = entry.path().filename().string();
        if (name == "config.json" || name == "tokenizer.json" || entry.path().extension() == ".safetensors")
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    Fnv1a hash;
    for (const auto& file : files) {
        hash.add(file.filename().string());
        const MappedFile mapped(file.string());
        hash.add(mapped.data(), mapped.size());
    }
    return hash.hex();
}

std::string datasetContentHash(const std::vector<data::Pattern>& patterns) {
    Fnv1a hash;
    for (const data::Pattern& p : patterns) {
        hash.add(p.id);
        for (const data::Instance& instance : p.instances) hash.add(instance.text);
    }
    return hash.hex();
}

RegisteredInputs registerInputs(ProjectStore& store, const std::string& modelFolder, const std::string& dataSpec,
                                const std::vector<data::Pattern>& patterns) {
    const std::string folder = std::filesystem::absolute(modelFolder).lexically_normal().string();
    const nlohmann::json config = readJsonFile(folder + "/config.json");
    RegisteredInputs ids;
    ids.modelId = addModel(store, {0, std::filesystem::path(folder).filename().string(), folder, config,
                                   modelContentHash(folder)});
    ids.datasetId = addDataset(store, {0, dataSpec, {{"spec", dataSpec}}, datasetContentHash(patterns)});
    return ids;
}

}  // namespace redit::pipeline
