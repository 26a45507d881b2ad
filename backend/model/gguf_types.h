#pragma once
// ggml tensor types as stored in GGUF files: their numbers, names, block sizes and block bytes.
#include <cstdint>
#include <optional>
#include <string>

namespace redit::gguf {

// The numbers are ggml's `enum ggml_type`; every type ggml defines is listed so that a file using one we
// cannot dequantise can still be read and described.
enum class TensorType : uint32_t {
    F32 = 0, F16 = 1, Q4_0 = 2, Q4_1 = 3, Q5_0 = 6, Q5_1 = 7, Q8_0 = 8, Q8_1 = 9,
    Q2_K = 10, Q3_K = 11, Q4_K = 12, Q5_K = 13, Q6_K = 14, Q8_K = 15,
    IQ2_XXS = 16, IQ2_XS = 17, IQ3_XXS = 18, IQ1_S = 19, IQ4_NL = 20, IQ3_S = 21, IQ2_S = 22, IQ4_XS = 23,
    I8 = 24, I16 = 25, I32 = 26, I64 = 27, F64 = 28, IQ1_M = 29, BF16 = 30, TQ1_0 = 34, TQ2_0 = 35,
    MXFP4 = 39, NVFP4 = 40, Q1_0 = 41,
};

struct TensorTypeTraits {
    TensorType type;
    const char* name;       // "Q4_1"
    uint32_t blockSize;     // elements per block (1 for plain types)
    uint32_t blockBytes;    // bytes per block
};

// nullopt for a number ggml does not define (or that we do not know).
std::optional<TensorTypeTraits> findTensorType(uint32_t number);
TensorTypeTraits traitsOf(TensorType type);
std::string tensorTypeName(TensorType type);

}  // namespace redit::gguf
