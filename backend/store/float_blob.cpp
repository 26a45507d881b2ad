#include "store/float_blob.h"

#include <cstdint>
#include <cstring>

#include "util/error.h"

namespace redit {

namespace {

constexpr bool kLittleEndianHost = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;
static_assert(sizeof(float) == 4, "float must be IEEE 754 binary32");

void swapBytesOfEach(unsigned char* data, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
        unsigned char* v = data + 4 * i;
        std::swap(v[0], v[3]);
        std::swap(v[1], v[2]);
    }
}

}  // namespace

std::vector<unsigned char> encodeFloat32(const std::vector<float>& values) {
    std::vector<unsigned char> bytes(values.size() * 4);
    if (!values.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
    if (!kLittleEndianHost) swapBytesOfEach(bytes.data(), values.size());
    return bytes;
}

std::vector<float> decodeFloat32(const void* bytes, std::size_t size, std::size_t count, const std::string& file,
                                 const std::string& what) {
    if (size != count * 4)
        throw FileError(file, what + " holds " + std::to_string(size) + " bytes, expected " +
                                  std::to_string(count * 4) + " (" + std::to_string(count) + " float32 values)");
    std::vector<float> values(count);
    if (count) std::memcpy(values.data(), bytes, size);
    if (!kLittleEndianHost) swapBytesOfEach(reinterpret_cast<unsigned char*>(values.data()), count);
    return values;
}

}  // namespace redit
