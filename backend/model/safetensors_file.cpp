#include <algorithm>
#include <cstring>
#include <limits>

#include "model/safetensors_detail.h"
#include "util/error.h"
#include "util/json_file.h"

namespace redit::safetensors {

namespace {

constexpr uint64_t kMaxHeaderBytes = 100'000'000;  // the reference implementation's limit

uint64_t readLittleEndian64(const std::uint8_t* bytes) {
    uint64_t value = 0;
    for (int i = 7; i >= 0; --i) value = (value << 8) | bytes[i];
    return value;
}

// nlohmann::json stores every non-negative integer literal as unsigned and negative ones as signed.
bool isNonNegativeInteger(const nlohmann::json& value) { return value.is_number_unsigned(); }

std::vector<int64_t> parseShape(const JsonFields& fields) {
    const auto& json = fields.at("shape");
    const char* problem = "must be a list of non-negative integers";
    if (!json.is_array()) fields.fail("shape", problem);
    std::vector<int64_t> shape;
    for (const auto& dim : json) {
        if (!isNonNegativeInteger(dim) || dim.get<uint64_t>() > uint64_t(std::numeric_limits<int64_t>::max()))
            fields.fail("shape", problem);
        shape.push_back(dim.get<int64_t>());
    }
    return shape;
}

TensorInfo parseTensor(const std::string& name, const nlohmann::json& json, const std::string& path,
                       uint64_t dataBytes) {
    JsonFields fields(json, path, "tensor '" + name + "'");
    TensorInfo t;
    t.name = name;
    const std::string dtypeName = fields.requiredString("dtype");
    const auto dtype = detail::findDType(dtypeName);
    if (!dtype)
        fields.fail("dtype", "'" + dtypeName + "' is not a supported dtype (" + detail::dtypeNameList() + ")");
    t.dtype = *dtype;
    t.shape = parseShape(fields);

    const auto& offsets = fields.at("data_offsets");
    if (!offsets.is_array() || offsets.size() != 2 || !isNonNegativeInteger(offsets[0]) ||
        !isNonNegativeInteger(offsets[1]))
        fields.fail("data_offsets", "must be two non-negative integers [begin, end]");
    t.begin = offsets[0].get<uint64_t>();
    t.end = offsets[1].get<uint64_t>();
    const std::string range = "[" + std::to_string(t.begin) + ", " + std::to_string(t.end) + "]";
    if (t.begin > t.end) fields.fail("data_offsets", range + " has begin after end");
    if (t.end > dataBytes)
        fields.fail("data_offsets", range + " ends beyond the data section (" + std::to_string(dataBytes) + " bytes)");

    const auto expected = detail::checkedByteSize(t.dtype, t.shape);
    if (!expected)
        fields.fail("shape", detail::shapeText(t.shape) + " of " + dtypeName +
                                 " has more elements than can be addressed, or is not a whole number of bytes");
    if (*expected != t.end - t.begin)
        fields.fail("data_offsets", range + " spans " + std::to_string(t.end - t.begin) + " bytes, but " +
                                        dtypeName + " " + detail::shapeText(t.shape) + " needs " +
                                        std::to_string(*expected));
    return t;
}

std::map<std::string, std::string> parseMetadata(const nlohmann::json& json, const std::string& path) {
    const char* problem = "__metadata__ must be an object mapping strings to strings";
    if (!json.is_object()) throw FileError(path, problem);
    std::map<std::string, std::string> metadata;
    for (const auto& [key, value] : json.items()) {
        if (!value.is_string()) throw FileError(path, std::string(problem) + " (entry '" + key + "' is not a string)");
        metadata[key] = value.get<std::string>();
    }
    return metadata;
}

}  // namespace

std::shared_ptr<const File> File::open(const std::string& path) {
    return std::shared_ptr<const File>(new File(path));
}

File::File(const std::string& path) : mapping_(path) {
    const uint64_t fileBytes = mapping_.size();
    if (fileBytes < 8)
        throw FileError(path, "file is " + std::to_string(fileBytes) + " bytes, shorter than the 8-byte header length");
    const uint64_t headerBytes = readLittleEndian64(mapping_.data());
    if (headerBytes > kMaxHeaderBytes)
        throw FileError(path, "header length " + std::to_string(headerBytes) + " is absurd (more than " +
                                  std::to_string(kMaxHeaderBytes) + " bytes)");
    if (headerBytes > fileBytes - 8)
        throw FileError(path, "header length " + std::to_string(headerBytes) + " exceeds the " +
                                  std::to_string(fileBytes - 8) + " bytes after the length field");
    dataStart_ = 8 + headerBytes;
    const uint64_t dataBytes = fileBytes - dataStart_;

    const char* headerText = reinterpret_cast<const char*>(mapping_.data() + 8);
    nlohmann::json header;
    try {
        header = nlohmann::json::parse(headerText, headerText + headerBytes);
    } catch (const nlohmann::json::parse_error& e) {
        throw FileError(path, "header is not valid JSON (byte " + std::to_string(e.byte) + " of the header)");
    } catch (const nlohmann::json::out_of_range&) {  // 1e999: the reference refuses it too
        throw FileError(path, "header is not valid JSON (a number is out of range)");
    }
    if (!header.is_object()) throw FileError(path, "header must be a JSON object");
    // As the reference (serde_json): JSON whitespace may pad the header, a NUL byte may not (nlohmann::json
    // stops reading at one).
    if (std::memchr(headerText, 0, headerBytes))
        throw FileError(path, "header contains a NUL byte (the header length is wrong or the file is not safetensors)");

    for (const auto& [name, value] : header.items()) {
        if (name == "__metadata__") {
            if (!value.is_null()) metadata_ = parseMetadata(value, path);  // null: none, as in the reference
        } else {
            tensors_.push_back(parseTensor(name, value, path, dataBytes));
        }
    }
    std::stable_sort(tensors_.begin(), tensors_.end(), [](const TensorInfo& a, const TensorInfo& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });

    // As the reference implementation: the tensors tile the data section from byte 0 to the end of the
    // file, without gaps or overlaps. A header length off by a byte, a truncated or an appended file all
    // break the tiling, and would otherwise shift or cut every tensor silently (docs/model.md).
    uint64_t covered = 0;
    const TensorInfo* previous = nullptr;
    for (const auto& t : tensors_) {
        if (t.begin != covered) {
            const std::string where = previous ? "the end of tensor '" + previous->name + "' (byte " +
                                                     std::to_string(covered) + ")"
                                               : "byte 0 of the data section";
            throw FileError(path, "tensor '" + t.name + "' starts at byte " + std::to_string(t.begin) +
                                      " instead of at " + where +
                                      ": tensors must tile the data section without gaps or overlaps");
        }
        covered = t.end;
        previous = &t;
    }
    if (covered != dataBytes)
        throw FileError(path, "the data section has " + std::to_string(dataBytes) + " bytes but the tensors cover " +
                                  std::to_string(covered) +
                                  " (the file is truncated, has extra bytes, or its header length is wrong)");
    for (std::size_t i = 0; i < tensors_.size(); ++i) index_.emplace(tensors_[i].name, i);
}

const TensorInfo* File::find(const std::string& name) const {
    auto it = index_.find(name);
    return it == index_.end() ? nullptr : &tensors_[it->second];
}

const std::uint8_t* File::data(const TensorInfo& tensor) const { return mapping_.data() + dataStart_ + tensor.begin; }

}  // namespace redit::safetensors
