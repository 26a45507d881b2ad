#pragma once
// Reading GGUF files, llama.cpp's single-file model format (docs/model.md, "GGUF").
// Layout, all little-endian: magic "GGUF", u32 version (2 or 3), u64 tensor count, u64 metadata count;
// metadata key/value pairs; tensor infos (name, dims innermost first, type, offset); padding to
// `general.alignment` (default 32); the data section, where every tensor starts at an aligned offset.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/gguf_types.h"
#include "util/mapped_file.h"

namespace redit::gguf {

enum class ValueType : uint32_t {
    U8 = 0, I8 = 1, U16 = 2, I16 = 3, U32 = 4, I32 = 5, F32 = 6, Bool = 7,
    String = 8, Array = 9, U64 = 10, I64 = 11, F64 = 12,
};

std::string valueTypeName(ValueType type);  // "u32", "string", "array", ...

// One metadata value. Integers are kept in `integer` (signed types sign-extended, u64 reinterpreted),
// floats in `real`; an array keeps the type of its elements and the elements themselves.
struct Value {
    ValueType type = ValueType::U8;
    uint64_t integer = 0;
    double real = 0.0;
    bool boolean = false;
    std::string string;
    ValueType elementType = ValueType::U8;  // arrays only
    std::vector<Value> items;               // arrays only

    bool isInteger() const;   // u8..i64
    bool isUnsigned() const;  // u8, u16, u32, u64
    int64_t asInt64() const { return static_cast<int64_t>(integer); }
};

struct TensorInfo {
    std::string name;
    TensorType type = TensorType::F32;
    std::vector<uint64_t> dims;  // ggml order: dims[0] is the innermost (contiguous) dimension
    uint64_t offset = 0;         // relative to the data section
    uint64_t bytes = 0;          // stored size
    uint64_t numel = 0;

    // The PyTorch shape: dims reversed (outermost first).
    std::vector<int64_t> torchShape() const;
};

// One memory-mapped .gguf file. Everything is validated on open (counts and lengths against the bytes left,
// sizes without overflow, tensor ranges inside the file, aligned and not overlapping, row length a multiple
// of the block size, known tensor types, unique names); any problem is a FileError naming the file.
class File {
public:
    static std::shared_ptr<const File> open(const std::string& path);

    const std::string& path() const { return mapping_.path(); }
    uint32_t version() const { return version_; }
    uint64_t alignment() const { return alignment_; }
    uint64_t dataStart() const { return dataStart_; }  // byte offset of the data section in the file

    const std::vector<std::string>& keys() const { return keys_; }  // metadata keys in file order
    const std::vector<TensorInfo>& tensors() const { return tensors_; }  // in file order
    const TensorInfo* findTensor(const std::string& name) const;  // nullptr when absent
    const TensorInfo& tensor(const std::string& name) const;      // FileError naming the tensor when absent
    const std::uint8_t* data(const TensorInfo& tensor) const;  // pointer into the mapping

    // Metadata. Every getter throws FileError naming the file and the key when the key is absent or
    // its value has another type; the optional* variants return nullopt when absent (but still throw on
    // a wrong type).
    bool has(const std::string& key) const { return metadata_.count(key) != 0; }
    const Value* findValue(const std::string& key) const;  // nullptr when absent
    const Value& value(const std::string& key) const;
    std::string getString(const std::string& key) const;
    uint32_t getU32(const std::string& key) const;
    int64_t getInt(const std::string& key) const;     // any integer type that fits int64
    float getF32(const std::string& key) const;
    double getNumber(const std::string& key) const;   // any integer or float type
    bool getBool(const std::string& key) const;
    const std::vector<Value>& getArray(const std::string& key, std::optional<ValueType> elementType = {}) const;
    std::vector<std::string> getStringArray(const std::string& key) const;
    std::vector<int64_t> getIntArray(const std::string& key) const;  // elements of any integer type
    std::vector<float> getF32Array(const std::string& key) const;

    std::optional<std::string> optionalString(const std::string& key) const;
    std::optional<int64_t> optionalInt(const std::string& key) const;
    std::optional<double> optionalNumber(const std::string& key) const;
    std::optional<bool> optionalBool(const std::string& key) const;

private:
    explicit File(const std::string& path);
    [[noreturn]] void wrongType(const std::string& key, const std::string& expected) const;

    MappedFile mapping_;
    uint32_t version_ = 0;
    uint64_t alignment_ = 32;
    uint64_t dataStart_ = 0;
    std::vector<std::string> keys_;
    std::map<std::string, Value> metadata_;
    std::vector<TensorInfo> tensors_;
    std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace redit::gguf
