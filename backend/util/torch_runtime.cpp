#include "util/torch_runtime.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <torch/version.h>
#include <thread>

#include "util/blas_info.h"

namespace redit {

void configureThreads(int threads) {
    if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(threads);
}

RuntimeInfo runtimeInfo() {
    RuntimeInfo info;
    info.torchVersion = TORCH_VERSION;
    info.threads = at::get_num_threads();
    info.cudaAvailable = at::hasCUDA();
    info.cudaDevices = info.cudaAvailable ? static_cast<int>(at::getNumGPUs()) : 0;
    const BlasInfo blas = loadedBlas();
    // The PyPI wheels' LibTorch carries MKL linked in, with no BLAS library of its own to see.
    info.blas = !blas.path.empty() ? blas.name : at::hasMKL() ? "Intel MKL (linked into LibTorch)" : "none loaded";
    return info;
}

}  // namespace redit
