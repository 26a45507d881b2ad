#include <filesystem>

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

Archive Archive::openIndex(const std::string& indexPath, const std::string& dir) {
    const nlohmann::json json = readJsonFile(indexPath);
    JsonFields fields(json, indexPath);
    const auto& weightMap = fields.at("weight_map");
    if (!weightMap.is_object()) fields.fail("weight_map", "must be an object mapping tensor names to shard files");

    Archive archive;
    archive.path_ = indexPath;
    std::map<std::string, std::shared_ptr<const File>> shards;
    for (const auto& [name, shardJson] : weightMap.items()) {
        if (!shardJson.is_string())
            fields.fail("weight_map", "entry for tensor '" + name + "' must be a file name (a string)");
        const std::string shardName = shardJson.get<std::string>();
        const fs::path relative = fs::path(shardName).lexically_normal();
        if (shardName.empty() || relative.is_absolute() || *relative.begin() == ".." || relative.has_root_name())
            throw FileError(indexPath, "shard '" + shardName + "' (listed for tensor '" + name +
                                           "') is not a file name inside the model's folder");
        auto& shard = shards[shardName];
        if (!shard) {
            const std::string shardPath = (fs::path(dir) / shardName).string();
            std::error_code ec;
            if (!fs::is_regular_file(shardPath, ec))
                throw FileError(indexPath,
                                "shard '" + shardName + "' (listed for tensor '" + name + "') does not exist");
            shard = File::open(shardPath);
        }
        const TensorInfo* info = shard->find(name);
        if (!info)
            throw FileError(indexPath, "tensor '" + name + "' is listed in shard '" + shardName +
                                           "', but that file does not contain it");
        archive.tensors_[name] = TensorView{info, shard->data(*info), shard};
    }
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
