// libFuzzer target: a tokenizer.json loaded, then used to encode and decode a mixed-script text.
#include "fuzz_input.h"
#include "model/tokenizer.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = redit::fuzz::writeInput(data, size, "tokenizer.json");
    try {
        const redit::Tokenizer tokenizer = redit::Tokenizer::fromFile(path);
        const std::vector<std::int32_t> ids = tokenizer.encode("Hello  world, 123 \xc3\xa9t\xc3\xa9 \xe4\xbd\xa0\xe5\xa5\xbd!", true);
        tokenizer.decode(ids);
        tokenizer.decode(ids, true);
    } catch (const redit::Error&) {
    }
    return 0;
}
