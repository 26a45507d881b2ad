// libFuzzer target: one ContextHub file read as an instance file, a cot file and a chat file.
#include "data/contexthub.h"
#include "fuzz_input.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace redit::data;
    const std::string path = redit::fuzz::writeInput(data, size, "contexthub.json");
    try {
        loadInstanceFile(path, ReasoningKind::Deductive, 1);
    } catch (const redit::Error&) {
    }
    try {
        loadCotFile(path, ReasoningKind::Abductive, 3);
    } catch (const redit::Error&) {
    }
    try {
        std::vector<Pattern> level3;
        attachChatInstances(path, level3);
    } catch (const redit::Error&) {
    }
    return 0;
}
