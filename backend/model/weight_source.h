#pragma once
// Where loadDecoder reads weights from: a Hugging Face safetensors checkpoint or a GGUF file. Both hand out
// tensors by their Hugging Face name, in PyTorch layout, converted to the requested dtype.
#include <ATen/ATen.h>
#include <memory>
#include <string>
#include <vector>

#include "model/model_config.h"

namespace redit {

namespace gguf {
class File;
}

class WeightSource {
public:
    virtual ~WeightSource() = default;
    virtual const std::string& path() const = 0;  // the checkpoint file, index or .gguf
    virtual bool contains(const std::string& name) const = 0;
    // A copy of the tensor in `dtype`; FileError naming the file and tensor when it is missing or its shape
    // differs from `shape`.
    virtual at::Tensor read(const std::string& name, const std::vector<int64_t>& shape, at::ScalarType dtype) const = 0;
};

// model.safetensors (or its shards) in a model folder.
std::unique_ptr<WeightSource> openSafetensorsWeights(const std::string& folder);

// A GGUF file's tensors, dequantised. For llama models the q/k projection rows are put back in Hugging Face
// order (llama.cpp's converter permutes them; docs/model.md, "GGUF"), which needs the config's head counts.
std::unique_ptr<WeightSource> openGgufWeights(std::shared_ptr<const gguf::File> file, const ModelConfig& config);

std::string shapeText(const std::vector<int64_t>& shape);  // "[2, 3]"

}  // namespace redit
