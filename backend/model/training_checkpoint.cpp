#include "model/training_checkpoint.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <unistd.h>

#include "model/tensor_io.h"
#include "util/error.h"

namespace redit {

namespace {

constexpr const char* kStateKey = "redit_training_state";

// A uniquely named file in the temporary folder, removed with this object.
class ScratchFile {
public:
    ScratchFile() {
        const char* dir = std::getenv("TMPDIR");
        std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/redit-checkpoint-XXXXXX";
        std::vector<char> name(pattern.begin(), pattern.end());
        name.push_back('\0');
        const int fd = ::mkstemp(name.data());
        if (fd < 0) throw FileError(pattern, "cannot create a scratch file for a checkpoint");
        ::close(fd);
        path_ = name.data();
    }
    ~ScratchFile() { std::remove(path_.c_str()); }
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

std::string indexed(const char* prefix, size_t i) { return std::string(prefix) + std::to_string(i); }

}  // namespace

std::vector<unsigned char> encodeTrainingCheckpoint(const TrainingCheckpoint& c) {
    std::vector<std::pair<std::string, at::Tensor>> tensors;
    for (size_t i = 0; i < c.parameters.size(); ++i) {
        tensors.emplace_back(indexed("param.", i), c.parameters[i]);
        tensors.emplace_back(indexed("adam.exp_avg.", i), c.firstMoments.at(i));
        tensors.emplace_back(indexed("adam.exp_avg_sq.", i), c.secondMoments.at(i));
    }
    tensors.emplace_back("data.order", c.dataOrder);
    tensors.emplace_back("rng.torch_cpu", c.torchRng);
    nlohmann::json state = c.state;
    state["parameters"] = c.parameters.size();

    ScratchFile file;
    saveTensors(file.path(), tensors, {{kStateKey, state.dump()}});
    std::ifstream in(file.path(), std::ios::binary);
    std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) throw FileError(file.path(), "cannot read back the checkpoint just written");
    return bytes;
}

TrainingCheckpoint decodeTrainingCheckpoint(const std::vector<unsigned char>& bytes, const std::string& source) {
    ScratchFile file;
    {
        std::ofstream out(file.path(), std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        if (!out.flush()) throw FileError(file.path(), "cannot write a scratch copy of " + source);
    }
    std::shared_ptr<const safetensors::File> archive;
    try {
        archive = safetensors::File::open(file.path());
    } catch (const FileError& e) {
        throw FileError(source, e.problem());
    }
    auto metadata = archive->metadata().find(kStateKey);
    if (metadata == archive->metadata().end())
        throw FileError(source, std::string("metadata entry '") + kStateKey + "' is missing");
    TrainingCheckpoint c;
    try {
        c.state = nlohmann::json::parse(metadata->second);
    } catch (const nlohmann::json::exception& e) {  // parse_error, or out_of_range for 1e999
        throw FileError(source, std::string("metadata entry '") + kStateKey + "' is not JSON: " + e.what());
    }
    if (!c.state.is_object() || !c.state.contains("parameters") || !c.state["parameters"].is_number_unsigned())
        throw FileError(source, "training state field 'parameters' must be a non-negative integer");

    auto tensor = [&](const std::string& name) {
        const safetensors::TensorInfo* info = archive->find(name);
        if (!info) throw FileError(source, "tensor '" + name + "' is missing");
        return loadTensor({info, archive->data(*info), archive}, scalarTypeOf(info->dtype));
    };
    const auto count = c.state["parameters"].get<std::uint64_t>();
    if (count > archive->tensors().size())
        throw FileError(source, "training state names " + std::to_string(count) + " parameters, but the file holds " +
                                    std::to_string(archive->tensors().size()) + " tensors");
    for (size_t i = 0; i < count; ++i) {
        c.parameters.push_back(tensor(indexed("param.", i)));
        c.firstMoments.push_back(tensor(indexed("adam.exp_avg.", i)));
        c.secondMoments.push_back(tensor(indexed("adam.exp_avg_sq.", i)));
    }
    c.dataOrder = tensor("data.order");
    c.torchRng = tensor("rng.torch_cpu");
    if (c.dataOrder.scalar_type() != at::kLong || c.dataOrder.dim() != 1)
        throw FileError(source, "tensor 'data.order' must be a one-dimensional I64 tensor");
    if (c.torchRng.scalar_type() != at::kByte) throw FileError(source, "tensor 'rng.torch_cpu' must be U8");
    return c;
}

}  // namespace redit
