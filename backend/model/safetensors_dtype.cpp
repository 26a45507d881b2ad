#include <algorithm>
#include <array>
#include <limits>

#include "model/safetensors_detail.h"
#include "util/error.h"

namespace redit::safetensors {

namespace {

struct DTypeEntry {
    DType dtype;
    const char* name;
    std::size_t bits;
};

constexpr std::array<DTypeEntry, 20> kDTypes{{
    {DType::F64, "F64", 64},
    {DType::F32, "F32", 32},
    {DType::F16, "F16", 16},
    {DType::BF16, "BF16", 16},
    {DType::I64, "I64", 64},
    {DType::I32, "I32", 32},
    {DType::I16, "I16", 16},
    {DType::I8, "I8", 8},
    {DType::U8, "U8", 8},
    {DType::BOOL, "BOOL", 8},
    {DType::U64, "U64", 64},
    {DType::U32, "U32", 32},
    {DType::U16, "U16", 16},
    {DType::F8_E4M3, "F8_E4M3", 8},
    {DType::F8_E5M2, "F8_E5M2", 8},
    {DType::F8_E8M0, "F8_E8M0", 8},
    {DType::C64, "C64", 64},
    {DType::F4, "F4", 4},
    {DType::F6_E2M3, "F6_E2M3", 6},
    {DType::F6_E3M2, "F6_E3M2", 6},
}};

const DTypeEntry& entryOf(DType dtype) {
    for (const auto& e : kDTypes)
        if (e.dtype == dtype) return e;
    throw Error("invalid safetensors dtype value " + std::to_string(static_cast<int>(dtype)));
}

}  // namespace

std::size_t dtypeSize(DType dtype) { return std::max<std::size_t>(1, entryOf(dtype).bits / 8); }

std::size_t dtypeBits(DType dtype) { return entryOf(dtype).bits; }

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
    // As the reference: numel * bits must be a whole number of bytes (sub-byte dtypes pack elements).
    const uint64_t bits = dtypeBits(dtype);
    if (numel > kMax / bits) return std::nullopt;
    if (numel * bits % 8 != 0) return std::nullopt;
    return numel * bits / 8;
}

std::string shapeText(const std::vector<int64_t>& shape) {
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}

}  // namespace detail
}  // namespace redit::safetensors
