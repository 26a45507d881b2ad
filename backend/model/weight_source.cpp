#include "model/weight_source.h"

#include "model/gguf_dequant.h"
#include "model/gguf_file.h"
#include "model/gguf_model.h"
#include "model/safetensors.h"
#include "model/tensor_io.h"
#include "util/error.h"

namespace redit {

std::string shapeText(const std::vector<int64_t>& shape) {
    std::string s;
    for (auto d : shape) s += (s.empty() ? "" : ", ") + std::to_string(d);
    return "[" + s + "]";
}

namespace {

void checkShape(const std::string& path, const std::string& name, const std::vector<int64_t>& found,
                const std::vector<int64_t>& expected) {
    if (found != expected)
        throw FileError(path, "tensor '" + name + "' has shape " + shapeText(found) + " but the config implies " +
                                  shapeText(expected));
}

class SafetensorsWeights : public WeightSource {
public:
    explicit SafetensorsWeights(const std::string& folder) : archive_(safetensors::Archive::openDirectory(folder)) {}

    const std::string& path() const override { return archive_.path(); }
    bool contains(const std::string& name) const override { return archive_.contains(name); }
    at::Tensor read(const std::string& name, const std::vector<int64_t>& shape, at::ScalarType dtype) const override {
        safetensors::TensorView view = archive_.get(name);
        checkShape(view.file->path(), name, view.info->shape, shape);
        return loadTensor(view, dtype);
    }

private:
    safetensors::Archive archive_;
};

// Undoes llama.cpp's convert_hf_to_gguf.py `permute(weights, n_head, n_head_kv)`, which stores
// W.reshape(heads, 2, rows / heads / 2, cols).swapaxes(1, 2): within each head, the two rotary halves are
// interleaved. Viewing the stored rows as (heads, rows / heads / 2, 2, cols) and swapping back restores them.
at::Tensor unpermuteRows(const at::Tensor& stored, int64_t heads) {
    const int64_t rows = stored.size(0);
    const int64_t cols = stored.dim() == 2 ? stored.size(1) : 1;
    return stored.reshape({heads, rows / heads / 2, 2, cols}).transpose(1, 2).reshape(stored.sizes()).contiguous();
}

class GgufWeights : public WeightSource {
public:
    GgufWeights(std::shared_ptr<const gguf::File> file, const ModelConfig& config)
        : file_(std::move(file)), config_(config) {}

    const std::string& path() const override { return file_->path(); }
    bool contains(const std::string& name) const override {
        const auto ggufName = gguf::ggufTensorName(name);
        return ggufName && file_->findTensor(*ggufName);
    }
    at::Tensor read(const std::string& name, const std::vector<int64_t>& shape, at::ScalarType dtype) const override {
        const auto ggufName = gguf::ggufTensorName(name);
        const gguf::TensorInfo* info = ggufName ? file_->findTensor(*ggufName) : nullptr;
        if (!info)
            throw FileError(path(), "has no tensor '" + (ggufName ? *ggufName : name) + "' (Hugging Face '" + name + "')");
        checkShape(path(), info->name, info->torchShape(), shape);
        at::Tensor values = at::empty(shape, at::TensorOptions().dtype(at::kFloat));
        gguf::dequantizeInto(*file_, *info, values.data_ptr<float>());
        if (config_.modelType == "llama") {
            if (name.find(".self_attn.q_proj.") != std::string::npos) values = unpermuteRows(values, config_.numHeads);
            else if (name.find(".self_attn.k_proj.") != std::string::npos)
                values = unpermuteRows(values, config_.numKeyValueHeads);
        }
        return values.to(dtype);
    }

private:
    std::shared_ptr<const gguf::File> file_;
    ModelConfig config_;
};

}  // namespace

std::unique_ptr<WeightSource> openSafetensorsWeights(const std::string& folder) {
    return std::make_unique<SafetensorsWeights>(folder);
}

std::unique_ptr<WeightSource> openGgufWeights(std::shared_ptr<const gguf::File> file, const ModelConfig& config) {
    return std::make_unique<GgufWeights>(std::move(file), config);
}

}  // namespace redit
