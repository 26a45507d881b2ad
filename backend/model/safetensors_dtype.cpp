#include <array>
#include <limits>

#include "model/safetensors_detail.h"
#include "util/error.h"

namespace redit::safetensors {

namespace {

struct DTypeEntry {
    DType dtype;
    const char* name;
    std::size_t size;
};

constexpr std::array<DTypeEntry, 10> kDTypes{{
    {DType::F64, "F64", 8},
    {DType::F32, "F32", 4},
    {DType::F16, "F16", 2},
    {DType::BF16, "BF16", 2},
    {DType::I64, "I64", 8},
    {DType::I32, "I32", 4},
    {DType::I16, "I16", 2},
    {DType::I8, "I8", 1},
    {DType::U8, "U8", 1},
    {DType::BOOL, "BOOL", 1},
}};

const DTypeEntry& entryOf(DType dtype) {
    for (const auto& e : kDTypes)
        if (e.dtype == dtype) return e;
    throw Error("invalid safetensors dtype value " + std::to_string(static_cast<int>(dtype)));
}

}  // namespace

std::size_t dtypeSize(DType dtype) { return entryOf(dtype).size; }

std::string dtypeName(DType dtype) { return entryOf(dtype).name; }

DType parseDType(const std::string& name) {
    if (auto dtype = detail::findDType(name)) return *dtype;
    throw Error("unknown safetensors dtype '" + name + "' (known: " + detail::dtypeNameList() + ")");
}

int64_t TensorInfo::numel() const {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
}

namespace detail {

std::optional<DType> findDType(const std::string& name) {
    for (const auto& e : kDTypes)
        if (name == e.name) return e.dtype;
    return std::nullopt;
}

std::string dtypeNameList() {
    std::string list;
    for (const auto& e : kDTypes) list += (list.empty() ? "" : ", ") + std::string(e.name);
    return list;
}

std::optional<uint64_t> checkedByteSize(DType dtype, const std::vector<int64_t>& shape) {
    constexpr uint64_t kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    uint64_t numel = 1;
    for (int64_t d : shape) {
        if (d < 0) return std::nullopt;
        const auto dim = static_cast<uint64_t>(d);
        if (dim != 0 && numel > kMax / dim) return std::nullopt;
        numel *= dim;
    }
    const uint64_t size = dtypeSize(dtype);
    if (numel > kMax / size) return std::nullopt;
    return numel * size;
}

std::string shapeText(const std::vector<int64_t>& shape) {
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}

}  // namespace detail
}  // namespace redit::safetensors
