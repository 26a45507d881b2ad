#pragma once
#include <string>

namespace redit::cli {

// What `redit --version` prints: the version and commit this binary was built from, and the LibTorch and
// BLAS it runs with (the BLAS is the libblas.so.3 the system selected, which decides the speed).
std::string versionText();

}  // namespace redit::cli
