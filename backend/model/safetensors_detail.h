#pragma once
// Helpers shared by the safetensors reader and writer; not part of the public API.
#include <optional>

#include "model/safetensors.h"

namespace redit::safetensors::detail {

std::optional<DType> findDType(const std::string& name);
std::string dtypeNameList();  // "F64, F32, ..." for error messages

// numel * dtypeSize, or nullopt when a dimension is negative or the count overflows int64.
std::optional<uint64_t> checkedByteSize(DType dtype, const std::vector<int64_t>& shape);

std::string shapeText(const std::vector<int64_t>& shape);  // "[2, 3]"

}  // namespace redit::safetensors::detail
