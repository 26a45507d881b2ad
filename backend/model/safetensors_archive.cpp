#include <filesystem>
#include <set>

#include "model/safetensors_detail.h"
#include "util/error.h"
#include "util/json_file.h"

namespace redit::safetensors {

namespace fs = std::filesystem;

Archive Archive::openDirectory(const std::string& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw FileError(dir, "is not a folder");
    const std::string single = (fs::path(dir) / "model.safetensors").string();
    if (fs::exists(single, ec)) return openFile(single);
    const std::string index = (fs::path(dir) / "model.safetensors.index.json").string();
    if (fs::exists(index, ec)) return openIndex(index, dir);
    throw FileError(dir, "contains neither model.safetensors nor model.safetensors.index.json");
}

Archive Archive::openFile(const std::string& path) {
    Archive archive;
    archive.path_ = path;
    auto file = File::open(path);
    for (const auto& t : file->tensors()) archive.tensors_[t.name] = TensorView{&t, file->data(t), file};
    return archive;
}

namespace {

// The shard files an index names, sorted and without repeats, as transformers collects them; refuses names that
// are not strings or that leave the folder (absolute, or climbing out with "..").
std::set<std::string> shardNames(const nlohmann::json& weightMap, const JsonFields& fields) {
    std::set<std::string> names;
    for (const auto& [tensor, shardJson] : weightMap.items()) {
        if (!shardJson.is_string())
            fields.fail("weight_map", "entry for tensor '" + tensor + "' must be a file name (a string)");
        const fs::path shard = fs::path(shardJson.get<std::string>()).lexically_normal();
        if (shard.is_absolute() || shard.has_root_name() || shard.empty() || *shard.begin() == "..")
            fields.fail("weight_map", "shard '" + shardJson.get<std::string>() + "' (listed for tensor '" + tensor +
                                          "') is outside the model folder");
        names.insert(shardJson.get<std::string>());
    }
    return names;
}

}  // namespace

// As transformers loads a sharded checkpoint: every tensor of every shard the index names (not only where the
// index says a tensor is). Refused, unlike transformers, are a tensor the index lists that no shard holds
// (transformers would initialise it at random with a warning) and a tensor held by two shards (transformers
// would take the last one in file-name order): both give a model other than the one saved.
Archive Archive::openIndex(const std::string& indexPath, const std::string& dir) {
    const nlohmann::json json = readJsonFile(indexPath);
    JsonFields fields(json, indexPath);
    const auto& weightMap = fields.at("weight_map");
    if (!weightMap.is_object()) fields.fail("weight_map", "must be an object mapping tensor names to shard files");
    if (!fields.at("metadata").is_object()) fields.fail("metadata", "must be an object");

    Archive archive;
    archive.path_ = indexPath;
    std::map<std::string, std::string> shardOf;
    for (const std::string& shardName : shardNames(weightMap, fields)) {
        const std::string shardPath = (fs::path(dir) / shardName).string();
        std::error_code ec;
        if (!fs::is_regular_file(shardPath, ec)) throw FileError(indexPath, "shard '" + shardName + "' does not exist");
        auto shard = File::open(shardPath);
        for (const auto& t : shard->tensors()) {
            if (const auto [it, inserted] = shardOf.emplace(t.name, shardName); !inserted)
                throw FileError(indexPath, "tensor '" + t.name + "' is in two shards, '" + it->second + "' and '" +
                                               shardName + "'");
            archive.tensors_[t.name] = TensorView{&t, shard->data(t), shard};
        }
    }
    for (const auto& [name, shardJson] : weightMap.items())
        if (!shardOf.count(name))
            throw FileError(indexPath, "tensor '" + name + "' is listed in shard '" + shardJson.get<std::string>() +
                                           "', but no shard contains it");
    return archive;
}

std::vector<std::string> Archive::names() const {
    std::vector<std::string> names;
    names.reserve(tensors_.size());
    for (const auto& entry : tensors_) names.push_back(entry.first);
    return names;
}

bool Archive::contains(const std::string& name) const { return tensors_.count(name) != 0; }

TensorView Archive::get(const std::string& name) const {
    auto it = tensors_.find(name);
    if (it == tensors_.end()) throw FileError(path_, "has no tensor named '" + name + "'");
    return it->second;
}

TensorView Archive::get(const std::string& name, DType expected, const std::vector<int64_t>& expectedShape) const {
    TensorView view = get(name);
    const TensorInfo& t = *view.info;
    if (t.dtype != expected || t.shape != expectedShape)
        throw FileError(view.file->path(), "tensor '" + name + "' is " + dtypeName(t.dtype) + " " +
                                               detail::shapeText(t.shape) + ", expected " + dtypeName(expected) +
                                               " " + detail::shapeText(expectedShape));
    return view;
}

uint64_t Archive::totalBytes() const {
    uint64_t total = 0;
    for (const auto& entry : tensors_) total += entry.second.info->end - entry.second.info->begin;
    return total;
}

}  // namespace redit::safetensors
