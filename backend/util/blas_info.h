#pragma once
#include <string>

namespace redit {

// Which BLAS library the process has loaded (LibTorch on Debian links whatever libblas.so.3 the system
// selects; the reference BLAS is ~50x slower than OpenBLAS). Empty path when none is loaded.
struct BlasInfo {
    std::string path;     // resolved path of the loaded library
    std::string name;     // "OpenBLAS (OpenMP threads), SkylakeX kernels", "reference BLAS", ...
    bool slowReference = false;
};

BlasInfo loadedBlas();
// The kernels the loaded OpenBLAS chose for this CPU ("SkylakeX", "Prescott", ...); empty with another BLAS.
std::string openBlasCoreName();

}  // namespace redit
