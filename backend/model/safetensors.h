#pragma once
// Reading and writing Hugging Face safetensors checkpoints (https://huggingface.co/docs/safetensors).
// Layout: u64 little-endian header length N, N bytes of JSON header, then the data section. Tensor data is
// little-endian and row-major; offsets in the header are relative to the start of the data section.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "util/mapped_file.h"

namespace redit::safetensors {

// Every dtype of the reference implementation (safetensors 0.8), sub-byte ones (F4, F6_*) included.
enum class DType { F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL, U64, U32, U16, F8_E4M3, F8_E5M2, F8_E8M0, C64,
                   F4, F6_E2M3, F6_E3M2 };

std::size_t dtypeSize(DType dtype);  // bytes per element; 1 for the sub-byte F4 and F6_* (see dtypeBits)
std::size_t dtypeBits(DType dtype);  // bits per element
std::string dtypeName(DType dtype);           // "F32", ... as written in the header
DType parseDType(const std::string& name);    // throws redit::Error for an unknown name

struct TensorInfo {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;   // empty for a 0-d scalar
    uint64_t begin = 0, end = 0;  // byte range relative to the data section
    int64_t numel() const;        // 1 for a scalar, 0 when any dimension is 0
};

// One memory-mapped .safetensors file. The whole header is validated on open, so every TensorInfo it hands
// out lies inside the mapping and has exactly numel * dtypeSize bytes. Tensor data is aligned to its element
// size only when the writer padded the header as the reference implementation does; readers that need
// aligned access must check.
class File {
public:
    static std::shared_ptr<const File> open(const std::string& path);

    const std::string& path() const { return mapping_.path(); }
    const std::vector<TensorInfo>& tensors() const { return tensors_; }  // in file order (by offset)
    const TensorInfo* find(const std::string& name) const;                // nullptr when absent
    const std::map<std::string, std::string>& metadata() const { return metadata_; }
    const std::uint8_t* data(const TensorInfo& tensor) const;            // pointer into the mapping

private:
    explicit File(const std::string& path);

    MappedFile mapping_;
    uint64_t dataStart_ = 0;  // 8 + header length
    std::vector<TensorInfo> tensors_;
    std::unordered_map<std::string, std::size_t> index_;
    std::map<std::string, std::string> metadata_;
};

// A tensor of an open archive. `file` keeps the mapping (and so `info` and `data`) alive.
struct TensorView {
    const TensorInfo* info = nullptr;
    const std::uint8_t* data = nullptr;
    std::shared_ptr<const File> file;
};

// A whole checkpoint: one file, or the shards listed by model.safetensors.index.json.
class Archive {
public:
    // The folder's model.safetensors, or else its model.safetensors.index.json.
    static Archive openDirectory(const std::string& dir);
    static Archive openFile(const std::string& path);

    const std::string& path() const { return path_; }  // the .safetensors file or the index
    std::vector<std::string> names() const;             // sorted
    bool contains(const std::string& name) const;
    TensorView get(const std::string& name) const;  // FileError naming the checkpoint and tensor when missing
    // Also checks the dtype and shape; FileError naming the file and tensor on a mismatch.
    TensorView get(const std::string& name, DType expected, const std::vector<int64_t>& expectedShape) const;
    uint64_t totalBytes() const;  // data bytes of all tensors

private:
    static Archive openIndex(const std::string& indexPath, const std::string& dir);

    std::string path_;
    std::map<std::string, TensorView> tensors_;
};

struct TensorToWrite {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    const void* data = nullptr;
    std::size_t nbytes = 0;
};

// Writes a .safetensors file atomically (temporary file, then rename). Lays the file out byte for byte as
// the reference implementation does: tensors ordered by descending dtype (so each stays aligned), then by
// name; compact JSON header with __metadata__ first, padded with spaces to a multiple of 8 bytes.
// Throws FileError naming the file and tensor when nbytes != numel * dtypeSize, a dimension is negative,
// a name repeats or is "__metadata__", or the file cannot be written.
void write(const std::string& path, const std::vector<TensorToWrite>& tensors,
           const std::map<std::string, std::string>& metadata = {});

}  // namespace redit::safetensors
