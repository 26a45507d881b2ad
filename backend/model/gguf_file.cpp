#include "model/gguf_file.h"

#include <cstring>
#include <limits>
#include <type_traits>

#include "model/tokenizer_utf8.h"
#include "util/error.h"

namespace redit::gguf {

namespace {

constexpr uint32_t kMagic = 0x46554747;  // "GGUF" read as a little-endian u32
constexpr uint32_t kMaxDims = 4;         // GGML_MAX_DIMS
constexpr std::size_t kMaxName = 64;     // GGML_MAX_NAME: llama.cpp refuses names of 64 bytes or more
constexpr uint64_t kDefaultAlignment = 32;

// Smallest encoding of one value of a type, so counts can be checked against the bytes left before
// anything is allocated. A string is at least its u64 length; an array at least its type and count.
uint64_t minimumBytes(ValueType type) {
    switch (type) {
        case ValueType::U8: case ValueType::I8: case ValueType::Bool: return 1;
        case ValueType::U16: case ValueType::I16: return 2;
        case ValueType::U32: case ValueType::I32: case ValueType::F32: return 4;
        case ValueType::U64: case ValueType::I64: case ValueType::F64: case ValueType::String: return 8;
        case ValueType::Array: return 12;
    }
    return 1;
}

bool isKnownValueType(uint32_t type) { return type <= static_cast<uint32_t>(ValueType::F64); }

// A cursor over the mapped header that checks every read against the end of the file.
class Reader {
public:
    Reader(const std::uint8_t* data, uint64_t size, const std::string& path) : data_(data), size_(size), path_(path) {}

    uint64_t position() const { return pos_; }
    uint64_t remaining() const { return size_ - pos_; }
    [[noreturn]] void fail(const std::string& problem) const { throw FileError(path_, problem); }

    template <typename T>
    T read(const char* what) {
        if (remaining() < sizeof(T))
            fail("file ends inside " + std::string(what) + " (at byte " + std::to_string(pos_) + " of " +
                 std::to_string(size_) + ")");
        uint64_t bits = 0;
        for (std::size_t i = 0; i < sizeof(T); ++i) bits |= uint64_t(data_[pos_ + i]) << (8 * i);
        pos_ += sizeof(T);
        T value;
        if constexpr (sizeof(T) == 1) value = static_cast<T>(bits);
        else {
            using U = std::conditional_t<sizeof(T) == 2, uint16_t, std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>>;
            U narrow = static_cast<U>(bits);
            std::memcpy(&value, &narrow, sizeof(T));
        }
        return value;
    }

    std::string readString(const std::string& what) {
        const uint64_t length = read<uint64_t>((what + " length").c_str());
        if (length > remaining())
            fail(what + " length " + std::to_string(length) + " runs past the end of the file (" +
                 std::to_string(remaining()) + " bytes left at byte " + std::to_string(pos_) + ")");
        std::string s(reinterpret_cast<const char*>(data_ + pos_), length);
        pos_ += length;
        return s;
    }

    void checkCount(uint64_t count, uint64_t minimumEach, const std::string& what) const {
        if (minimumEach != 0 && count > remaining() / minimumEach)
            fail(what + " " + std::to_string(count) + " is impossible: " + std::to_string(remaining()) +
                 " bytes are left at byte " + std::to_string(pos_));
    }

private:
    const std::uint8_t* data_;
    uint64_t size_;
    uint64_t pos_ = 0;
    const std::string& path_;
};

Value readValue(Reader& r, ValueType type, const std::string& key);

// Arrays of arrays are refused as llama.cpp's loader refuses them (the gguf package would flatten them).
Value readArray(Reader& r, const std::string& key) {
    Value v;
    v.type = ValueType::Array;
    const uint32_t element = r.read<uint32_t>("an array element type");
    if (!isKnownValueType(element))
        r.fail("metadata '" + key + "': unknown array element type " + std::to_string(element));
    if (element == static_cast<uint32_t>(ValueType::Array))
        r.fail("metadata '" + key + "' is an array of arrays, which llama.cpp does not read");
    v.elementType = static_cast<ValueType>(element);
    const uint64_t count = r.read<uint64_t>("an array length");
    r.checkCount(count, minimumBytes(v.elementType), "metadata '" + key + "': array length");
    v.items.reserve(count);
    for (uint64_t i = 0; i < count; ++i) v.items.push_back(readValue(r, v.elementType, key));
    return v;
}

Value readValue(Reader& r, ValueType type, const std::string& key) {
    Value v;
    v.type = type;
    switch (type) {
        case ValueType::U8: v.integer = r.read<uint8_t>("a u8 value"); break;
        case ValueType::I8: v.integer = uint64_t(int64_t(r.read<int8_t>("an i8 value"))); break;
        case ValueType::U16: v.integer = r.read<uint16_t>("a u16 value"); break;
        case ValueType::I16: v.integer = uint64_t(int64_t(r.read<int16_t>("an i16 value"))); break;
        case ValueType::U32: v.integer = r.read<uint32_t>("a u32 value"); break;
        case ValueType::I32: v.integer = uint64_t(int64_t(r.read<int32_t>("an i32 value"))); break;
        case ValueType::U64: v.integer = r.read<uint64_t>("a u64 value"); break;
        case ValueType::I64: v.integer = uint64_t(r.read<int64_t>("an i64 value")); break;
        case ValueType::F32: v.real = r.read<float>("an f32 value"); break;
        case ValueType::F64: v.real = r.read<double>("an f64 value"); break;
        case ValueType::Bool: v.boolean = r.read<uint8_t>("a bool value") != 0; break;  // as the references do
        case ValueType::String: v.string = r.readString("metadata '" + key + "': string"); break;
        case ValueType::Array: return readArray(r, key);
    }
    return v;
}

// a * b, or nullopt on overflow.
std::optional<uint64_t> checkedMultiply(uint64_t a, uint64_t b) {
    if (a != 0 && b > std::numeric_limits<uint64_t>::max() / a) return std::nullopt;
    return a * b;
}

std::string dimsText(const std::vector<uint64_t>& dims) {
    std::string s = "[";
    for (std::size_t i = 0; i < dims.size(); ++i) s += (i ? ", " : "") + std::to_string(dims[i]);
    return s + "]";
}

// Keys and tensor names must be UTF-8 (the gguf package decodes them).
void checkUtf8(Reader& r, const std::string& text, const std::string& what) {
    if (const auto at = tok::firstInvalidUtf8(text))
        r.fail(what + " is not valid UTF-8 (at byte " + std::to_string(*at) + " of the name)");
}

TensorInfo readTensorInfo(Reader& r) {
    TensorInfo t;
    t.name = r.readString("tensor name");
    checkUtf8(r, t.name, "a tensor name");
    const std::string what = "tensor '" + t.name + "'";
    if (t.name.size() >= kMaxName)
        r.fail(what + " name is " + std::to_string(t.name.size()) + " bytes long (llama.cpp allows at most " +
               std::to_string(kMaxName - 1) + ")");
    const uint32_t nDims = r.read<uint32_t>("a tensor's dimension count");
    if (nDims > kMaxDims)  // 0 dimensions is a scalar
        r.fail(what + " has " + std::to_string(nDims) + " dimensions (at most " + std::to_string(kMaxDims) + " allowed)");
    for (uint32_t i = 0; i < nDims; ++i) t.dims.push_back(r.read<uint64_t>("a tensor dimension"));
    const uint32_t typeNumber = r.read<uint32_t>("a tensor type");
    const auto traits = findTensorType(typeNumber);
    if (!traits) r.fail(what + " has unknown tensor type " + std::to_string(typeNumber));
    t.type = traits->type;
    // The gguf package reads a tensor without dimensions (a scalar) only as one of numpy's types.
    const bool numpyType = t.type == TensorType::F32 || t.type == TensorType::F16 || t.type == TensorType::F64 ||
                           t.type == TensorType::I8 || t.type == TensorType::I16 || t.type == TensorType::I32 ||
                           t.type == TensorType::I64;
    if (nDims == 0 && !numpyType)
        r.fail(what + " has no dimensions, which the gguf package reads only for F32, F16, F64 and I8 to I64, not " +
               traits->name);
    t.offset = r.read<uint64_t>("a tensor offset");

    // Element count must fit in int64 (PyTorch sizes); ggml requires whole blocks along each row.
    std::optional<uint64_t> numel = 1;
    for (uint64_t d : t.dims) {
        numel = numel ? checkedMultiply(*numel, d) : std::nullopt;
        if (!numel || *numel > uint64_t(std::numeric_limits<int64_t>::max()))
            r.fail(what + " dimensions " + dimsText(t.dims) + " have more elements than can be addressed");
    }
    t.numel = *numel;
    const uint64_t rowLength = t.dims.empty() ? 1 : t.dims[0];
    if (rowLength % traits->blockSize != 0)
        r.fail(what + " row length " + std::to_string(rowLength) + " (dims " + dimsText(t.dims) +
               ") is not a multiple of the " + traits->name + " block size " + std::to_string(traits->blockSize));
    const auto bytes = checkedMultiply(t.numel / traits->blockSize, traits->blockBytes);
    if (!bytes) r.fail(what + " dimensions " + dimsText(t.dims) + " need more bytes than can be addressed");
    t.bytes = *bytes;
    return t;
}

}  // namespace

bool Value::isInteger() const {
    switch (type) {
        case ValueType::U8: case ValueType::I8: case ValueType::U16: case ValueType::I16:
        case ValueType::U32: case ValueType::I32: case ValueType::U64: case ValueType::I64: return true;
        default: return false;
    }
}

bool Value::isUnsigned() const {
    return type == ValueType::U8 || type == ValueType::U16 || type == ValueType::U32 || type == ValueType::U64;
}

std::string valueTypeName(ValueType type) {
    switch (type) {
        case ValueType::U8: return "u8";
        case ValueType::I8: return "i8";
        case ValueType::U16: return "u16";
        case ValueType::I16: return "i16";
        case ValueType::U32: return "u32";
        case ValueType::I32: return "i32";
        case ValueType::F32: return "f32";
        case ValueType::Bool: return "bool";
        case ValueType::String: return "string";
        case ValueType::Array: return "array";
        case ValueType::U64: return "u64";
        case ValueType::I64: return "i64";
        case ValueType::F64: return "f64";
    }
    return "type " + std::to_string(static_cast<uint32_t>(type));
}

std::vector<int64_t> TensorInfo::torchShape() const {
    return std::vector<int64_t>(dims.rbegin(), dims.rend());
}

std::shared_ptr<const File> File::open(const std::string& path) { return std::shared_ptr<const File>(new File(path)); }

File::File(const std::string& path) : mapping_(path) {
    Reader r(mapping_.data(), mapping_.size(), path);
    if (mapping_.size() < 4) r.fail("file is " + std::to_string(mapping_.size()) + " bytes, too short for a GGUF header");
    if (r.read<uint32_t>("the magic") != kMagic) r.fail("not a GGUF file (the first 4 bytes are not \"GGUF\")");
    version_ = r.read<uint32_t>("the version");
    if (version_ != 2 && version_ != 3)
        r.fail("GGUF version " + std::to_string(version_) + " is not supported (supported: 2, 3)");
    const uint64_t tensorCount = r.read<uint64_t>("the tensor count");
    const uint64_t kvCount = r.read<uint64_t>("the metadata count");
    // A key/value takes at least 8 (key length) + 4 (type) + 1 bytes; a tensor info at least 8 + 4 + 8 + 4 + 8.
    r.checkCount(kvCount, 13, "metadata count");
    r.checkCount(tensorCount, 32, "tensor count");

    for (uint64_t i = 0; i < kvCount; ++i) {
        std::string key = r.readString("metadata key");
        checkUtf8(r, key, "a metadata key");
        const uint32_t type = r.read<uint32_t>("a metadata value type");
        if (!isKnownValueType(type)) r.fail("metadata '" + key + "' has unknown value type " + std::to_string(type));
        Value value = readValue(r, static_cast<ValueType>(type), key);
        if (metadata_.count(key)) r.fail("metadata key '" + key + "' appears twice");
        keys_.push_back(key);
        metadata_.emplace(std::move(key), std::move(value));
    }
    if (const Value* a = findValue("general.alignment")) {
        if (a->type != ValueType::U32) wrongType("general.alignment", "u32");
        if (a->integer == 0 || (a->integer & (a->integer - 1)) != 0)
            r.fail("general.alignment " + std::to_string(a->integer) + " is not a power of two");
        alignment_ = a->integer;
    } else {
        alignment_ = kDefaultAlignment;
    }

    tensors_.reserve(tensorCount);
    for (uint64_t i = 0; i < tensorCount; ++i) {
        TensorInfo t = readTensorInfo(r);
        if (index_.count(t.name)) r.fail("tensor name '" + t.name + "' appears twice");
        index_.emplace(t.name, tensors_.size());
        tensors_.push_back(std::move(t));
    }

    // The data section starts at the next multiple of the alignment (it may be empty when there are no tensors).
    const uint64_t headerEnd = r.position();
    dataStart_ = (headerEnd + alignment_ - 1) / alignment_ * alignment_;
    const uint64_t fileBytes = mapping_.size();
    const uint64_t dataBytes = dataStart_ <= fileBytes ? fileBytes - dataStart_ : 0;
    if (!tensors_.empty() && dataStart_ > fileBytes)
        r.fail("file ends at byte " + std::to_string(fileBytes) + ", before the data section (byte " +
               std::to_string(dataStart_) + ")");
    // As llama.cpp requires: the tensors tile the data section in the order they are listed, each starting
    // where the previous one ends, padded to the alignment (so no gaps, overlaps or misaligned data).
    uint64_t expected = 0;
    for (const auto& t : tensors_) {
        if (t.offset != expected)
            r.fail("tensor '" + t.name + "' starts at offset " + std::to_string(t.offset) + " of the data section, " +
                   "expected " + std::to_string(expected) + " (tensors must follow each other in listed order, " +
                   "each padded to the alignment " + std::to_string(alignment_) + ")");
        if (t.offset > dataBytes || t.bytes > dataBytes - t.offset)
            r.fail("tensor '" + t.name + "' data [" + std::to_string(t.offset) + ", +" + std::to_string(t.bytes) +
                   ") ends beyond the data section (" + std::to_string(dataBytes) + " bytes)");
        expected = t.offset + t.bytes + (alignment_ - t.bytes % alignment_) % alignment_;
    }
}

const TensorInfo* File::findTensor(const std::string& name) const {
    auto it = index_.find(name);
    return it == index_.end() ? nullptr : &tensors_[it->second];
}

const TensorInfo& File::tensor(const std::string& name) const {
    if (const TensorInfo* t = findTensor(name)) return *t;
    throw FileError(path(), "has no tensor '" + name + "'");
}

const std::uint8_t* File::data(const TensorInfo& tensor) const { return mapping_.data() + dataStart_ + tensor.offset; }

const Value* File::findValue(const std::string& key) const {
    auto it = metadata_.find(key);
    return it == metadata_.end() ? nullptr : &it->second;
}

const Value& File::value(const std::string& key) const {
    if (const Value* v = findValue(key)) return *v;
    throw FileError(path(), "metadata key '" + key + "' is missing");
}

void File::wrongType(const std::string& key, const std::string& expected) const {
    const Value& v = value(key);
    std::string found = valueTypeName(v.type);
    if (v.type == ValueType::Array) found += " of " + valueTypeName(v.elementType);
    throw FileError(path(), "metadata '" + key + "' is " + found + ", expected " + expected);
}

std::string File::getString(const std::string& key) const {
    const Value& v = value(key);
    if (v.type != ValueType::String) wrongType(key, "string");
    return v.string;
}

uint32_t File::getU32(const std::string& key) const {
    const Value& v = value(key);
    if (v.type != ValueType::U32) wrongType(key, "u32");
    return static_cast<uint32_t>(v.integer);
}

int64_t File::getInt(const std::string& key) const {
    const Value& v = value(key);
    if (!v.isInteger()) wrongType(key, "an integer");
    if (v.type == ValueType::U64 && v.integer > uint64_t(std::numeric_limits<int64_t>::max()))
        throw FileError(path(), "metadata '" + key + "' value " + std::to_string(v.integer) + " is too large");
    return v.asInt64();
}

float File::getF32(const std::string& key) const {
    const Value& v = value(key);
    if (v.type != ValueType::F32) wrongType(key, "f32");
    return static_cast<float>(v.real);
}

double File::getNumber(const std::string& key) const {
    const Value& v = value(key);
    if (v.type == ValueType::F32 || v.type == ValueType::F64) return v.real;
    if (v.isInteger()) return v.isUnsigned() ? double(v.integer) : double(v.asInt64());
    wrongType(key, "a number");
}

bool File::getBool(const std::string& key) const {
    const Value& v = value(key);
    if (v.type != ValueType::Bool) wrongType(key, "bool");
    return v.boolean;
}

const std::vector<Value>& File::getArray(const std::string& key, std::optional<ValueType> elementType) const {
    const Value& v = value(key);
    if (v.type != ValueType::Array || (elementType && v.elementType != *elementType))
        wrongType(key, elementType ? "array of " + valueTypeName(*elementType) : "array");
    return v.items;
}

std::vector<std::string> File::getStringArray(const std::string& key) const {
    std::vector<std::string> out;
    for (const auto& item : getArray(key, ValueType::String)) out.push_back(item.string);
    return out;
}

std::vector<int64_t> File::getIntArray(const std::string& key) const {
    const Value& v = value(key);
    Value element;
    element.type = v.elementType;
    if (v.type != ValueType::Array || !element.isInteger()) wrongType(key, "array of integers");
    std::vector<int64_t> out;
    out.reserve(v.items.size());
    for (const auto& item : v.items) out.push_back(item.asInt64());
    return out;
}

std::vector<float> File::getF32Array(const std::string& key) const {
    std::vector<float> out;
    for (const auto& item : getArray(key, ValueType::F32)) out.push_back(static_cast<float>(item.real));
    return out;
}

std::optional<std::string> File::optionalString(const std::string& key) const {
    return has(key) ? std::optional(getString(key)) : std::nullopt;
}
std::optional<int64_t> File::optionalInt(const std::string& key) const {
    return has(key) ? std::optional(getInt(key)) : std::nullopt;
}
std::optional<double> File::optionalNumber(const std::string& key) const {
    return has(key) ? std::optional(getNumber(key)) : std::nullopt;
}
std::optional<bool> File::optionalBool(const std::string& key) const {
    return has(key) ? std::optional(getBool(key)) : std::nullopt;
}

}  // namespace redit::gguf
