// libFuzzer target: a project file opened read-only (the probe, then the schema), its runs listed and read.
#include "fuzz_input.h"
#include "store/project_store.h"
#include "store/runs.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = redit::fuzz::writeInput(data, size, "project.redit");
    try {
        const redit::ProjectStore store = redit::ProjectStore::open(path, redit::ProjectStore::Mode::ReadOnly);
        for (const redit::RunRecord& run : redit::listRuns(store)) redit::runLog(store, run.id);
        store.integrityProblems();
    } catch (const redit::Error&) {
    }
    return 0;
}
