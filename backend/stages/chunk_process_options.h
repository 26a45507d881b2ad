#pragma once
// How many `redit compare-chunk` processes run a comparison's chunks side by side (compare_chunk_processes.h).
// Kept apart so that the GUI's start-up code can name it without the LibTorch headers.
#include <string>

namespace redit::stages {

struct ChunkProcessOptions {
    std::string program;  // the `redit` executable
    int processes = 2;
    int threadsPerProcess = 1;
};

}  // namespace redit::stages
