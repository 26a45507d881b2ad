#include "cli/version_text.h"

#include "redit/build_info.h"
#include "util/blas_info.h"
#include "util/torch_runtime.h"

namespace redit::cli {

std::string versionText() {
    const RuntimeInfo rt = runtimeInfo();
    const BlasInfo blas = loadedBlas();
    std::string text = std::string("redit ") + build_info::kVersion + " (commit " + build_info::kGitDescribe + ")\n";
    text += "LibTorch " + rt.torchVersion +
            (rt.cudaAvailable ? ", CUDA devices: " + std::to_string(rt.cudaDevices) : std::string(", CPU only")) + '\n';
    text += "BLAS " + rt.blas + (blas.path.empty() ? std::string() : " (" + blas.path + ")");
    return text;
}

}  // namespace redit::cli
