#include "model/gguf_types.h"

#include <array>

namespace redit::gguf {

namespace {

constexpr uint32_t kQK = 32;    // ggml's QK4_0 = QK4_1 = QK8_0
constexpr uint32_t kQKK = 256;  // ggml's QK_K, the k-quant super-block

// Sizes as ggml's type_traits (ggml.c) define them.
constexpr std::array<TensorTypeTraits, 34> kTypes = {{
    {TensorType::F32, "F32", 1, 4},
    {TensorType::F16, "F16", 1, 2},
    {TensorType::Q4_0, "Q4_0", kQK, 2 + 16},
    {TensorType::Q4_1, "Q4_1", kQK, 2 + 2 + 16},
    {TensorType::Q5_0, "Q5_0", kQK, 2 + 4 + 16},
    {TensorType::Q5_1, "Q5_1", kQK, 2 + 2 + 4 + 16},
    {TensorType::Q8_0, "Q8_0", kQK, 2 + 32},
    {TensorType::Q8_1, "Q8_1", kQK, 4 + 4 + 32},
    {TensorType::Q2_K, "Q2_K", kQKK, 2 + 2 + kQKK / 16 + kQKK / 4},
    {TensorType::Q3_K, "Q3_K", kQKK, 2 + kQKK / 4 + kQKK / 8 + 12},
    {TensorType::Q4_K, "Q4_K", kQKK, 2 + 2 + kQKK / 2 + 12},
    {TensorType::Q5_K, "Q5_K", kQKK, 2 + 2 + kQKK / 2 + kQKK / 8 + 12},
    {TensorType::Q6_K, "Q6_K", kQKK, 2 + kQKK / 2 + kQKK / 4 + kQKK / 16},
    {TensorType::Q8_K, "Q8_K", kQKK, 4 + kQKK + kQKK / 8},
    {TensorType::IQ2_XXS, "IQ2_XXS", kQKK, 2 + kQKK / 4},
    {TensorType::IQ2_XS, "IQ2_XS", kQKK, 2 + kQKK / 4 + kQKK / 32},
    {TensorType::IQ3_XXS, "IQ3_XXS", kQKK, 2 + kQKK / 4 + kQKK / 8},
    {TensorType::IQ1_S, "IQ1_S", kQKK, 2 + kQKK / 8 + kQKK / 16},
    {TensorType::IQ4_NL, "IQ4_NL", kQK, 2 + 16},
    {TensorType::IQ3_S, "IQ3_S", kQKK, 2 + kQKK / 4 + kQKK / 8 + kQKK / 32 + 4},
    {TensorType::IQ2_S, "IQ2_S", kQKK, 2 + kQKK / 4 + kQKK / 16},
    {TensorType::IQ4_XS, "IQ4_XS", kQKK, 2 + 2 + kQKK / 2 + kQKK / 64},
    {TensorType::I8, "I8", 1, 1},
    {TensorType::I16, "I16", 1, 2},
    {TensorType::I32, "I32", 1, 4},
    {TensorType::I64, "I64", 1, 8},
    {TensorType::F64, "F64", 1, 8},
    {TensorType::IQ1_M, "IQ1_M", kQKK, kQKK / 8 + kQKK / 16 + kQKK / 32},
    {TensorType::BF16, "BF16", 1, 2},
    {TensorType::TQ1_0, "TQ1_0", kQKK, 2 + 4 * 13},
    {TensorType::TQ2_0, "TQ2_0", kQKK, 2 + 64},
    {TensorType::MXFP4, "MXFP4", kQK, 1 + 16},
    {TensorType::NVFP4, "NVFP4", 64, 4 + 32},   // four fp8 scales per 64 fp4 values
    {TensorType::Q1_0, "Q1_0", 128, 2 + 16},    // an f16 scale and 128 sign bits
}};

}  // namespace

std::optional<TensorTypeTraits> findTensorType(uint32_t number) {
    for (const auto& t : kTypes)
        if (static_cast<uint32_t>(t.type) == number) return t;
    return std::nullopt;
}

TensorTypeTraits traitsOf(TensorType type) { return *findTensorType(static_cast<uint32_t>(type)); }

std::string tensorTypeName(TensorType type) {
    auto t = findTensorType(static_cast<uint32_t>(type));
    return t ? t->name : "type " + std::to_string(static_cast<uint32_t>(type));
}

}  // namespace redit::gguf
