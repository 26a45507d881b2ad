#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "model/safetensors_detail.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace redit::safetensors {

namespace {

// The reference implementation orders its dtype enum by alignment and writes tensors in descending order.
int referenceRank(DType dtype) {
    switch (dtype) {
        case DType::F4: return -3;
        case DType::F6_E2M3: return -2;
        case DType::F6_E3M2: return -1;
        case DType::BOOL: return 0;
        case DType::U8: return 1;
        case DType::I8: return 2;
        case DType::F8_E5M2: return 3;
        case DType::F8_E4M3: return 4;
        case DType::F8_E8M0: return 5;
        case DType::I16: return 6;
        case DType::U16: return 7;
        case DType::F16: return 8;
        case DType::BF16: return 9;
        case DType::I32: return 10;
        case DType::U32: return 11;
        case DType::F32: return 12;
        case DType::C64: return 13;
        case DType::F64: return 14;
        case DType::I64: return 15;
        case DType::U64: return 16;
    }
    return 0;
}

void validate(const std::string& path, const std::vector<TensorToWrite>& tensors) {
    std::set<std::string> names;
    for (const auto& t : tensors) {
        const std::string where = "tensor '" + t.name + "'";
        if (t.name == "__metadata__") throw FileError(path, "'__metadata__' is reserved and cannot name a tensor");
        if (!names.insert(t.name).second) throw FileError(path, where + " is given twice");
        const auto expected = detail::checkedByteSize(t.dtype, t.shape);
        if (!expected)
            throw FileError(path, where + ": shape " + detail::shapeText(t.shape) +
                                      " has a negative dimension or too many elements");
        if (*expected != t.nbytes)
            throw FileError(path, where + ": " + std::to_string(t.nbytes) + " bytes given, but " + dtypeName(t.dtype) +
                                      " " + detail::shapeText(t.shape) + " needs " + std::to_string(*expected));
        if (t.nbytes > 0 && !t.data) throw FileError(path, where + ": no data given");
    }
}

std::string headerText(const std::string& path, const std::vector<const TensorToWrite*>& ordered,
                       const std::map<std::string, std::string>& metadata) {
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (!metadata.empty()) header["__metadata__"] = metadata;
    uint64_t offset = 0;
    for (const TensorToWrite* t : ordered) {
        header[t->name] = {{"dtype", dtypeName(t->dtype)},
                           {"shape", t->shape},
                           {"data_offsets", {offset, offset + t->nbytes}}};
        offset += t->nbytes;
    }
    std::string text;
    try {
        text = header.dump();
    } catch (const nlohmann::json::type_error&) {
        throw FileError(path, "a tensor name or metadata entry is not valid UTF-8");
    }
    text.append((8 - text.size() % 8) % 8, ' ');  // keeps the data section 8-byte aligned
    return text;
}

}  // namespace

void write(const std::string& path, const std::vector<TensorToWrite>& tensors,
           const std::map<std::string, std::string>& metadata) {
    validate(path, tensors);
    std::vector<const TensorToWrite*> ordered;
    for (const auto& t : tensors) ordered.push_back(&t);
    std::sort(ordered.begin(), ordered.end(), [](const TensorToWrite* a, const TensorToWrite* b) {
        const int ra = referenceRank(a->dtype), rb = referenceRank(b->dtype);
        return ra != rb ? ra > rb : a->name < b->name;
    });
    const std::string header = headerText(path, ordered, metadata);

    writeFileAtomically(path, [&](std::ostream& out) {
        char length[8];
        for (int i = 0; i < 8; ++i) length[i] = static_cast<char>((uint64_t(header.size()) >> (8 * i)) & 0xff);
        out.write(length, 8);
        out.write(header.data(), static_cast<std::streamsize>(header.size()));
        for (const TensorToWrite* t : ordered)
            out.write(static_cast<const char*>(t->data), static_cast<std::streamsize>(t->nbytes));
    });
}

}  // namespace redit::safetensors
