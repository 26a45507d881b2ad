#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace redit {

// float32 arrays as compact little-endian BLOBs (4 bytes per value), the same bytes on every host.
std::vector<unsigned char> encodeFloat32(const std::vector<float>& values);

// Decodes `bytes` holding exactly `count` values; FileError(file, "<what> ...") when the size differs.
std::vector<float> decodeFloat32(const void* bytes, std::size_t size, std::size_t count, const std::string& file,
                                 const std::string& what);

}  // namespace redit
