// libFuzzer target: a dataset spec string.
#include "data/dataset_spec.h"
#include "fuzz_input.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        redit::data::parseDatasetSpec(std::string(reinterpret_cast<const char*>(data), size));
    } catch (const redit::Error&) {
    }
    return 0;
}
