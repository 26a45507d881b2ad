#include "util/process_memory.h"

#include <sys/resource.h>

namespace redit {

int64_t peakResidentBytes() {
    struct rusage usage {};
    if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
    return int64_t(usage.ru_maxrss) * 1024;  // Linux reports kibibytes
}

}  // namespace redit
