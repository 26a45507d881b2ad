#include "util/blas_info.h"

#include <climits>
#include <cstdlib>
#include <dlfcn.h>
#include <link.h>

namespace redit {
namespace {

int collectBlas(dl_phdr_info* info, size_t, void* out) {
    std::string name = info->dlpi_name ? info->dlpi_name : "";
    if (name.find("libblas") != std::string::npos || name.find("libopenblas") != std::string::npos ||
        name.find("libmkl") != std::string::npos) {
        char resolved[PATH_MAX];
        auto* result = static_cast<std::string*>(out);
        *result = ::realpath(name.c_str(), resolved) ? resolved : name;
        return 1;
    }
    return 0;
}

}  // namespace

BlasInfo loadedBlas() {
    BlasInfo info;
    dl_iterate_phdr(collectBlas, &info.path);
    const std::string& p = info.path;
    if (p.empty()) {
        info.name = "none loaded";
    } else if (p.find("openblas") != std::string::npos) {
        if (p.find("openmp") != std::string::npos) info.name = "OpenBLAS (OpenMP threads)";
        else if (p.find("pthread") != std::string::npos) info.name = "OpenBLAS (pthreads)";
        else if (p.find("serial") != std::string::npos) info.name = "OpenBLAS (serial)";
        else info.name = "OpenBLAS";
        // The kernels it chose for this CPU (util/runtime_env.h: Prescott means the slow fallback).
        if (const std::string core = openBlasCoreName(); !core.empty()) info.name += ", " + core + " kernels";
    } else if (p.find("mkl") != std::string::npos) {
        info.name = "Intel MKL";
    } else if (p.find("blis") != std::string::npos) {
        info.name = "BLIS";
    } else if (p.find("atlas") != std::string::npos) {
        info.name = "ATLAS";
    } else {
        info.name = "reference BLAS (slow: install libopenblas0-openmp)";
        info.slowReference = true;
    }
    return info;
}

std::string openBlasCoreName() {
    // Exported by every OpenBLAS build; absent with another BLAS.
    using CoreName = char* (*)();
    const auto coreName = reinterpret_cast<CoreName>(::dlsym(RTLD_DEFAULT, "openblas_get_corename"));
    const char* name = coreName ? coreName() : nullptr;
    return name ? name : "";
}

}  // namespace redit
