#include "model/tensor_io.h"

#include "util/error.h"

namespace redit {

at::ScalarType scalarTypeOf(safetensors::DType dtype) {
    using safetensors::DType;
    switch (dtype) {
        case DType::F64: return at::kDouble;
        case DType::F32: return at::kFloat;
        case DType::F16: return at::kHalf;
        case DType::BF16: return at::kBFloat16;
        case DType::I64: return at::kLong;
        case DType::I32: return at::kInt;
        case DType::I16: return at::kShort;
        case DType::I8: return at::kChar;
        case DType::U8: return at::kByte;
        case DType::BOOL: return at::kBool;
        case DType::U64:
        case DType::U32:
        case DType::U16:
        case DType::F8_E4M3:
        case DType::F8_E5M2:
        case DType::F8_E8M0:
        case DType::C64:
        case DType::F4:
        case DType::F6_E2M3:
        case DType::F6_E3M2: break;  // read by the safetensors reader, not loaded as LibTorch tensors
    }
    throw Error("safetensors dtype " + safetensors::dtypeName(dtype) + " cannot be loaded as a tensor");
}

safetensors::DType safetensorsTypeOf(at::ScalarType type) {
    using safetensors::DType;
    switch (type) {
        case at::kDouble: return DType::F64;
        case at::kFloat: return DType::F32;
        case at::kHalf: return DType::F16;
        case at::kBFloat16: return DType::BF16;
        case at::kLong: return DType::I64;
        case at::kInt: return DType::I32;
        case at::kShort: return DType::I16;
        case at::kChar: return DType::I8;
        case at::kByte: return DType::U8;
        case at::kBool: return DType::BOOL;
        default: throw Error(std::string("cannot store tensors of type ") + c10::toString(type) + " in safetensors");
    }
}

at::Tensor loadTensor(const safetensors::TensorView& view, at::ScalarType dtype) {
    const auto& info = *view.info;
    // from_blob does not copy; the stored bytes are little-endian like every supported host.
    at::Tensor mapped = at::from_blob(const_cast<std::uint8_t*>(view.data), info.shape,
                                      at::TensorOptions().dtype(scalarTypeOf(info.dtype)));
    return mapped.to(dtype, /*non_blocking=*/false, /*copy=*/true);
}

void saveTensors(const std::string& path, const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                 const std::map<std::string, std::string>& metadata) {
    std::vector<at::Tensor> keep;  // contiguous CPU copies alive until written
    std::vector<safetensors::TensorToWrite> out;
    keep.reserve(tensors.size());
    for (const auto& [name, tensor] : tensors) {
        keep.push_back(tensor.detach().to(at::kCPU).contiguous());
        const at::Tensor& t = keep.back();
        out.push_back({name, safetensorsTypeOf(t.scalar_type()), t.sizes().vec(), t.data_ptr(),
                       static_cast<std::size_t>(t.numel()) * t.element_size()});
    }
    safetensors::write(path, out, metadata);
}

}  // namespace redit
