// libFuzzer target: a .gguf file opened, its model config and its tokenizer built from the metadata.
#include "fuzz_input.h"
#include "model/gguf_file.h"
#include "model/gguf_model.h"
#include "model/gguf_tokenizer.h"
#include "model/tokenizer.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = redit::fuzz::writeInput(data, size, "model.gguf");
    try {
        const auto file = redit::gguf::File::open(path);
        try {
            redit::gguf::modelConfig(*file).parameterCount();
        } catch (const redit::Error&) {
        }
        const auto tokenizer = redit::Tokenizer::fromJson(
            redit::tokenizerJsonFromGguf(redit::gguf::tokenizerMetadata(*file), path), path);
        tokenizer.decode(tokenizer.encode("Hello world, 123"));
    } catch (const redit::Error&) {
    }
    return 0;
}
