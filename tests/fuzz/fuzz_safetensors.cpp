// libFuzzer target: a .safetensors file opened and every tensor's bytes read.
#include "fuzz_input.h"
#include "model/safetensors.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = redit::fuzz::writeInput(data, size, "model.safetensors");
    try {
        const auto file = redit::safetensors::File::open(path);
        volatile std::uint8_t sum = 0;  // touches every byte the reader hands out
        for (const auto& t : file->tensors())
            for (std::uint64_t i = 0; i < t.end - t.begin; ++i) sum = std::uint8_t(sum + file->data(t)[i]);
    } catch (const redit::Error&) {
    }
    return 0;
}
