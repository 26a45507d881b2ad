#pragma once
// A small GGUF writer for tests (docs/model.md, "GGUF"): builds the file byte by byte so that tests can also
// write broken ones (wrong counts, offsets, types). Torch-free; callers pass tensor data as raw bytes.
#include <cstdint>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace redit::testing {

inline std::string le32(uint32_t v) {
    std::string b(4, '\0');
    for (int i = 0; i < 4; ++i) b[i] = char((v >> (8 * i)) & 0xff);
    return b;
}
inline std::string le64(uint64_t v) {
    std::string b(8, '\0');
    for (int i = 0; i < 8; ++i) b[i] = char((v >> (8 * i)) & 0xff);
    return b;
}
inline std::string ggufString(const std::string& s) { return le64(s.size()) + s; }
inline std::string f32Bytes(float f) {
    uint32_t bits;
    std::memcpy(&bits, &f, 4);
    return le32(bits);
}

// Value type numbers (gguf_type in ggml's gguf.h).
enum GgufValueType : uint32_t {
    kGgufU8 = 0, kGgufI8 = 1, kGgufU16 = 2, kGgufI16 = 3, kGgufU32 = 4, kGgufI32 = 5, kGgufF32 = 6,
    kGgufBool = 7, kGgufString = 8, kGgufArray = 9, kGgufU64 = 10, kGgufI64 = 11, kGgufF64 = 12,
};
// A few tensor type numbers (ggml_type).
enum GgufTensorType : uint32_t { kGgmlF32 = 0, kGgmlF16 = 1, kGgmlQ4_0 = 2, kGgmlQ8_0 = 8, kGgmlBF16 = 30 };

class GgufBuilder {
public:
    uint32_t version = 3;
    uint64_t alignment = 32;  // used for padding; written as general.alignment only when addU32 sets it
    std::optional<uint64_t> tensorCountOverride, kvCountOverride;

    // `payload` is the encoded value without its type.
    void addRaw(const std::string& key, uint32_t type, const std::string& payload) {
        kvs_ += ggufString(key) + le32(type) + payload;
        ++kvCount_;
    }
    void addString(const std::string& key, const std::string& v) { addRaw(key, kGgufString, ggufString(v)); }
    void addU32(const std::string& key, uint32_t v) { addRaw(key, kGgufU32, le32(v)); }
    void addI32(const std::string& key, int32_t v) { addRaw(key, kGgufI32, le32(uint32_t(v))); }
    void addU64(const std::string& key, uint64_t v) { addRaw(key, kGgufU64, le64(v)); }
    void addF32(const std::string& key, float v) { addRaw(key, kGgufF32, f32Bytes(v)); }
    void addBool(const std::string& key, bool v) { addRaw(key, kGgufBool, std::string(1, char(v ? 1 : 0))); }
    void addStringArray(const std::string& key, const std::vector<std::string>& v) {
        std::string p = le32(kGgufString) + le64(v.size());
        for (const auto& s : v) p += ggufString(s);
        addRaw(key, kGgufArray, p);
    }
    void addI32Array(const std::string& key, const std::vector<int32_t>& v) {
        std::string p = le32(kGgufI32) + le64(v.size());
        for (int32_t x : v) p += le32(uint32_t(x));
        addRaw(key, kGgufArray, p);
    }
    void addF32Array(const std::string& key, const std::vector<float>& v) {
        std::string p = le32(kGgufF32) + le64(v.size());
        for (float x : v) p += f32Bytes(x);
        addRaw(key, kGgufArray, p);
    }

    // dims in ggml order (innermost first). The data is placed at the next aligned offset unless `offset` is given.
    void addTensor(const std::string& name, uint32_t type, const std::vector<uint64_t>& dims, const std::string& data,
                   std::optional<uint64_t> offset = std::nullopt) {
        const uint64_t at = offset ? *offset : nextOffset_;
        std::string info = ggufString(name) + le32(uint32_t(dims.size()));
        for (uint64_t d : dims) info += le64(d);
        info += le32(type) + le64(at);
        infos_ += info;
        ++tensorCount_;
        if (!offset) {
            if (data_.size() < at) data_.resize(at, '\0');
            data_ += data;
            nextOffset_ = (data_.size() + alignment - 1) / alignment * alignment;
        }
    }
    void addF32Tensor(const std::string& name, const std::vector<uint64_t>& dims, const std::vector<float>& values) {
        std::string data;
        for (float v : values) data += f32Bytes(v);
        addTensor(name, kGgmlF32, dims, data);
    }

    // The header (magic to the last tensor info), unpadded.
    std::string header() const {
        return std::string("GGUF") + le32(version) + le64(tensorCountOverride.value_or(tensorCount_)) +
               le64(kvCountOverride.value_or(kvCount_)) + kvs_ + infos_;
    }
    std::string bytes() const {
        std::string out = header();
        out.resize((out.size() + alignment - 1) / alignment * alignment, '\0');
        return out + data_;
    }
    void write(const std::string& path) const {
        std::ofstream f(path, std::ios::binary | std::ios::trunc);
        const std::string b = bytes();
        f.write(b.data(), std::streamsize(b.size()));
    }

private:
    std::string kvs_, infos_, data_;
    uint64_t kvCount_ = 0, tensorCount_ = 0, nextOffset_ = 0;
};

}  // namespace redit::testing
