// libFuzzer target: a model's config.json.
#include "fuzz_input.h"
#include "model/model_config.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = redit::fuzz::writeInput(data, size, "config.json");
    try {
        const redit::ModelConfig config = redit::loadModelConfig(path);
        config.parameterCount();
        redit::parseModelConfig(config.toJson(), path);  // what it writes, it reads
    } catch (const redit::Error&) {
    }
    return 0;
}
