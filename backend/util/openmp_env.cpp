#include "util/openmp_env.h"

#include <cstdlib>
#include <unistd.h>

namespace redit {

void ensurePassiveOpenMpWait(char** argv) {
    if (std::getenv("OMP_WAIT_POLICY") != nullptr) return;
    ::setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
    ::execv("/proc/self/exe", argv);
    // execv only returns on failure; the program then runs on with the default policy.
}

}  // namespace redit
