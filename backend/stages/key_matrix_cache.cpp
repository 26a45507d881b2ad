#include "stages/key_matrix_cache.h"

#include <cmath>

#include "store/artifacts.h"
#include "store/float_blob.h"
#include "util/error.h"

namespace redit::stages {

namespace {
constexpr const char* kMimeType = "application/x-redit-float32-square-matrix";
}

std::string keyMatrixName(const std::string& what, const std::string& modelHash, int64_t layer,
                          const std::string& keyData) {
    return "cache/" + what + " model=" + modelHash + " layer=" + std::to_string(layer) + " keys=" + keyData;
}

at::Tensor cachedKeyMatrix(ProjectStore& store, int64_t runId, const std::string& name,
                           const std::function<at::Tensor()>& compute, bool* computed) {
    if (const std::optional<int64_t> id = findArtifactByName(store, name)) {
        const Artifact artifact = loadArtifact(store, *id);
        const std::size_t count = artifact.data.size() / 4;
        const auto n = static_cast<int64_t>(std::llround(std::sqrt(double(count))));
        if (n * n != int64_t(count) || artifact.data.size() % 4 != 0)
            throw FileError("artifact '" + name + "'", "is not a square float32 matrix");
        std::vector<float> values = decodeFloat32(artifact.data.data(), artifact.data.size(), count, name, "matrix");
        if (computed) *computed = false;
        return at::from_blob(values.data(), {n, n}, at::kFloat).clone();
    }
    at::Tensor matrix = compute().to(at::kFloat).contiguous();
    if (matrix.dim() != 2 || matrix.size(0) != matrix.size(1))
        throw ConfigError("the key matrix '" + name + "' to cache is not square");
    const float* data = matrix.data_ptr<float>();
    saveArtifact(store, runId, name, kMimeType, encodeFloat32(std::vector<float>(data, data + matrix.numel())));
    if (computed) *computed = true;
    return matrix;
}

}  // namespace redit::stages
