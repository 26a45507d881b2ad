#pragma once
// Bridge between safetensors files and LibTorch tensors.
#include <ATen/ATen.h>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "model/safetensors.h"

namespace redit {

at::ScalarType scalarTypeOf(safetensors::DType dtype);  // throws Error for types LibTorch lacks
safetensors::DType safetensorsTypeOf(at::ScalarType type);

// Copies a stored tensor into memory of its own, converted to `dtype` (the mapping can then be closed).
at::Tensor loadTensor(const safetensors::TensorView& view, at::ScalarType dtype);

// Writes CPU copies of the tensors (names kept, order kept) atomically.
void saveTensors(const std::string& path, const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                 const std::map<std::string, std::string>& metadata = {});

}  // namespace redit
