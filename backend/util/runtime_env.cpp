#include "util/runtime_env.h"

#include <cstdlib>
#include <malloc.h>
#include <strings.h>
#include <unistd.h>

#include "util/blas_info.h"

namespace redit {

std::string openBlasCoreOverride() {
    if (::strcasecmp(openBlasCoreName().c_str(), "prescott") != 0) return {};
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl"))
        return "SkylakeX";
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return "Haswell";
    return {};
}

void ensureRuntimeEnvironment(char** argv) {
    bool changed = false;
    if (std::getenv("OMP_WAIT_POLICY") == nullptr) {
        ::setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
        changed = true;
    }
    if (std::getenv("OPENBLAS_CORETYPE") == nullptr) {
        const std::string core = openBlasCoreOverride();
        if (!core.empty()) {
            ::setenv("OPENBLAS_CORETYPE", core.c_str(), 0);
            changed = true;
        }
    }
    if (changed) ::execv("/proc/self/exe", argv);
    // execv only returns on failure; the program then runs on with the environment it had.
    configureAllocator();
}

void configureAllocator() {
#ifdef __GLIBC__
    ::mallopt(M_MMAP_THRESHOLD, 32 << 20);
    ::mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}

}  // namespace redit
