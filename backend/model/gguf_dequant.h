#pragma once
// Dequantisation of GGUF tensor data to fp32, exactly as ggml's reference `dequantize_row_*` functions
// (ggml-quants.c) define it (docs/model.md, "GGUF"). Block layouts:
//   Q8_0: f16 d, 32 x i8 q                         x = q * d
//   Q4_0: f16 d, 16 bytes of nibbles               x = (q - 8) * d
//   Q4_1: f16 d, f16 m, 16 bytes of nibbles        x = q * d + m
//     (in Q4_0/Q4_1 the low nibbles are elements 0..15, the high nibbles 16..31)
//   Q4_K: super-blocks of 256: f16 d, f16 dmin, 12 bytes of 6-bit scales/mins, 128 bytes of nibbles
//   Q6_K: super-blocks of 256: 128 bytes low 4 bits, 64 bytes high 2 bits, 16 x i8 scales, f16 d
#include <cstdint>
#include <string>
#include <vector>

#include "model/gguf_file.h"

namespace redit::gguf {

bool canDequantize(TensorType type);  // F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q4_K, Q6_K
std::string dequantizableTypeNames();

// IEEE half and bfloat16 bits to float (exact).
float halfToFloat(uint16_t bits);
float bfloat16ToFloat(uint16_t bits);

// Converts `count` elements stored at `data` (whole blocks: count is a multiple of the block size) into `out`.
// Throws Error for a type canDequantize rejects.
void dequantizeRow(TensorType type, const std::uint8_t* data, float* out, uint64_t count);

// The whole tensor as fp32 in ggml order (dims[0] fastest). FileError naming the file and tensor when the
// type cannot be dequantised.
std::vector<float> dequantize(const File& file, const TensorInfo& tensor);
void dequantizeInto(const File& file, const TensorInfo& tensor, float* out);  // out holds tensor.numel floats

}  // namespace redit::gguf
