// Compiled with -ffp-contract=off (backend/model/CMakeLists.txt): ggml's reference rounds after every
// multiply and add, and a fused multiply-add would change the last bit.
#include "model/gguf_dequant.h"

#include <cstring>

#include "util/error.h"

namespace redit::gguf {

namespace {

constexpr int kQK = 32;
constexpr int kQKK = 256;

uint16_t le16(const std::uint8_t* p) { return uint16_t(p[0] | (p[1] << 8)); }

void dequantQ8_0(const std::uint8_t* block, float* y) {
    const float d = halfToFloat(le16(block));
    const auto* q = reinterpret_cast<const int8_t*>(block + 2);
    for (int j = 0; j < kQK; ++j) y[j] = float(q[j]) * d;
}

void dequantQ4_0(const std::uint8_t* block, float* y) {
    const float d = halfToFloat(le16(block));
    const std::uint8_t* q = block + 2;
    for (int j = 0; j < kQK / 2; ++j) {
        y[j] = float((q[j] & 0x0F) - 8) * d;
        y[j + kQK / 2] = float((q[j] >> 4) - 8) * d;
    }
}

void dequantQ4_1(const std::uint8_t* block, float* y) {
    const float d = halfToFloat(le16(block));
    const float m = halfToFloat(le16(block + 2));
    const std::uint8_t* q = block + 4;
    for (int j = 0; j < kQK / 2; ++j) {
        y[j] = float(q[j] & 0x0F) * d + m;
        y[j + kQK / 2] = float(q[j] >> 4) * d + m;
    }
}

// ggml's get_scale_min_k4: eight 6-bit scales and eight 6-bit mins packed into 12 bytes.
void scaleMinK4(int j, const std::uint8_t* q, std::uint8_t& scale, std::uint8_t& min) {
    if (j < 4) {
        scale = q[j] & 63;
        min = q[j + 4] & 63;
    } else {
        scale = std::uint8_t((q[j + 4] & 0x0F) | ((q[j - 4] >> 6) << 4));
        min = std::uint8_t((q[j + 4] >> 4) | ((q[j] >> 6) << 4));
    }
}

void dequantQ4_K(const std::uint8_t* block, float* y) {
    const float d = halfToFloat(le16(block));
    const float dmin = halfToFloat(le16(block + 2));
    const std::uint8_t* scales = block + 4;
    const std::uint8_t* q = block + 4 + 12;
    int is = 0;
    for (int j = 0; j < kQKK; j += 64) {
        std::uint8_t sc, m;
        scaleMinK4(is + 0, scales, sc, m);
        const float d1 = d * float(sc), m1 = dmin * float(m);
        scaleMinK4(is + 1, scales, sc, m);
        const float d2 = d * float(sc), m2 = dmin * float(m);
        for (int l = 0; l < 32; ++l) *y++ = d1 * float(q[l] & 0x0F) - m1;
        for (int l = 0; l < 32; ++l) *y++ = d2 * float(q[l] >> 4) - m2;
        q += 32;
        is += 2;
    }
}

void dequantQ6_K(const std::uint8_t* block, float* y) {
    const std::uint8_t* ql = block;
    const std::uint8_t* qh = block + kQKK / 2;
    const auto* sc = reinterpret_cast<const int8_t*>(block + kQKK / 2 + kQKK / 4);
    const float d = halfToFloat(le16(block + kQKK / 2 + kQKK / 4 + kQKK / 16));
    for (int n = 0; n < kQKK; n += 128) {
        for (int l = 0; l < 32; ++l) {
            const int is = l / 16;
            const int q1 = int((ql[l + 0] & 0x0F) | (((qh[l] >> 0) & 3) << 4)) - 32;
            const int q2 = int((ql[l + 32] & 0x0F) | (((qh[l] >> 2) & 3) << 4)) - 32;
            const int q3 = int((ql[l + 0] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
            const int q4 = int((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
            y[l + 0] = d * float(sc[is + 0]) * float(q1);
            y[l + 32] = d * float(sc[is + 2]) * float(q2);
            y[l + 64] = d * float(sc[is + 4]) * float(q3);
            y[l + 96] = d * float(sc[is + 6]) * float(q4);
        }
        y += 128;
        ql += 64;
        qh += 32;
        sc += 8;
    }
}

using BlockFunction = void (*)(const std::uint8_t*, float*);

BlockFunction blockFunction(TensorType type) {
    switch (type) {
        case TensorType::Q8_0: return dequantQ8_0;
        case TensorType::Q4_0: return dequantQ4_0;
        case TensorType::Q4_1: return dequantQ4_1;
        case TensorType::Q4_K: return dequantQ4_K;
        case TensorType::Q6_K: return dequantQ6_K;
        default: return nullptr;
    }
}

}  // namespace

float halfToFloat(uint16_t h) {
    const uint32_t sign = uint32_t(h & 0x8000) << 16;
    const uint32_t exponent = (h >> 10) & 0x1F;
    uint32_t mantissa = h & 0x3FF;
    uint32_t bits;
    if (exponent == 0x1F) {
        bits = sign | 0x7F800000 | (mantissa << 13);  // inf / nan
    } else if (exponent != 0) {
        bits = sign | ((exponent + 127 - 15) << 23) | (mantissa << 13);
    } else if (mantissa == 0) {
        bits = sign;  // signed zero
    } else {
        // Subnormal half: normalise into a float exponent.
        int e = -1;
        do {
            ++e;
            mantissa <<= 1;
        } while ((mantissa & 0x400) == 0);
        bits = sign | uint32_t(127 - 15 - e) << 23 | ((mantissa & 0x3FF) << 13);
    }
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

float bfloat16ToFloat(uint16_t h) {
    const uint32_t bits = uint32_t(h) << 16;
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

bool canDequantize(TensorType type) {
    return type == TensorType::F32 || type == TensorType::F16 || type == TensorType::BF16 || blockFunction(type);
}

std::string dequantizableTypeNames() { return "F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q4_K, Q6_K"; }

void dequantizeRow(TensorType type, const std::uint8_t* data, float* out, uint64_t count) {
    if (count == 0) return;  // a tensor with a zero dimension: `out` may be null, which memcpy must not get
    switch (type) {
        case TensorType::F32: std::memcpy(out, data, count * 4); return;  // little-endian host
        case TensorType::F16:
            for (uint64_t i = 0; i < count; ++i) out[i] = halfToFloat(le16(data + 2 * i));
            return;
        case TensorType::BF16:
            for (uint64_t i = 0; i < count; ++i) out[i] = bfloat16ToFloat(le16(data + 2 * i));
            return;
        default: break;
    }
    const BlockFunction f = blockFunction(type);
    if (!f) throw Error("cannot dequantise " + tensorTypeName(type) + " (supported: " + dequantizableTypeNames() + ")");
    const TensorTypeTraits traits = traitsOf(type);
    for (uint64_t b = 0; b < count / traits.blockSize; ++b) f(data + b * traits.blockBytes, out + b * traits.blockSize);
}

void dequantizeInto(const File& file, const TensorInfo& tensor, float* out) {
    if (!canDequantize(tensor.type))
        throw FileError(file.path(), "tensor '" + tensor.name + "' has type " + tensorTypeName(tensor.type) +
                                         ", which cannot be dequantised (supported: " + dequantizableTypeNames() + ")");
    dequantizeRow(tensor.type, file.data(tensor), out, tensor.numel);
}

std::vector<float> dequantize(const File& file, const TensorInfo& tensor) {
    std::vector<float> out(tensor.numel);
    dequantizeInto(file, tensor, out.data());
    return out;
}

}  // namespace redit::gguf
