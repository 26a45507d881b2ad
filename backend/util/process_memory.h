#pragma once
// The process's own memory use, as the kernel counts it: what benchmarks and run logs report as "peak".
#include <cstdint>

namespace redit {

// Largest resident set size of this process so far (getrusage's ru_maxrss), in bytes; 0 where unknown.
int64_t peakResidentBytes();

}  // namespace redit
