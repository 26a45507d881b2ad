// libFuzzer target: model.safetensors.index.json beside one valid shard, opened as a model folder.
#include <filesystem>

#include "fuzz_input.h"
#include "model/safetensors.h"
#include "util/error.h"

namespace st = redit::safetensors;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string index = redit::fuzz::writeInput(data, size, "model.safetensors.index.json");
    const std::string folder = std::filesystem::path(index).parent_path().string();
    static const bool shardWritten = [&] {
        const float values[2] = {1.0f, 2.0f};
        st::write(folder + "/shard.safetensors", {{"x", st::DType::F32, {2}, values, sizeof values}});
        return true;
    }();
    (void)shardWritten;
    try {
        const st::Archive archive = st::Archive::openDirectory(folder);
        for (const std::string& name : archive.names()) archive.get(name);
    } catch (const redit::Error&) {
    }
    return 0;
}
