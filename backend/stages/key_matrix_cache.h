#pragma once
// The keys' second moment E[k k^T] of an MLP layer (ROME's covariance; AlphaEdit's null space) is expensive
// on large models and depends only on the model, the layer and the key prompts, so it is computed once and
// kept in the project as an artifact (float32, row-major square matrix), found again by name from any later
// run.
#include <ATen/ATen.h>
#include <cstdint>
#include <functional>
#include <string>

namespace redit {
class ProjectStore;
}

namespace redit::stages {

// The artifact name of one cached matrix: what ("key-second-moment"), the model's content
// hash, the layer and the key prompts' dataset spec.
std::string keyMatrixName(const std::string& what, const std::string& modelHash, int64_t layer,
                          const std::string& keyData);

// The matrix stored under `name`, or compute() saved under `name` as an artifact of run `runId`.
// `computed` (optional) is set to whether it had to be computed. FileError for a stored artifact that is
// not a square float32 matrix; ConfigError when compute() returns a non-square matrix.
at::Tensor cachedKeyMatrix(ProjectStore& store, int64_t runId, const std::string& name,
                           const std::function<at::Tensor()>& compute, bool* computed = nullptr);

}  // namespace redit::stages
