#pragma once
// Helpers shared by the safetensors reader and writer; not part of the public API.
#include <optional>

#include "model/safetensors.h"

namespace redit::safetensors::detail {

std::optional<DType> findDType(const std::string& name);
std::string dtypeNameList();  // "F64, F32, ..." for error messages

// numel * dtypeBits / 8, or nullopt when a dimension is negative, the count overflows int64 or the bits are
// not a whole number of bytes.
std::optional<uint64_t> checkedByteSize(DType dtype, const std::vector<int64_t>& shape);

std::string shapeText(const std::vector<int64_t>& shape);  // "[2, 3]"

}  // namespace redit::safetensors::detail
