#pragma once
#include <string>

namespace redit {

// Sets LibTorch's intra-op thread count (0 = one per core). OpenBLAS built for OpenMP shares the same
// OpenMP pool, so the two never oversubscribe the cores.
void configureThreads(int threads);

struct RuntimeInfo {
    std::string torchVersion;
    int threads = 1;
    bool cudaAvailable = false;
    int cudaDevices = 0;
    std::string blas;
};

RuntimeInfo runtimeInfo();

}  // namespace redit
