#pragma once
#include <cstdint>
#include <string>

namespace redit {

// "1.50 GiB", "512 B": binary units, two decimals above bytes.
std::string formatBytes(int64_t bytes);

}  // namespace redit
