// libFuzzer target: a run config file submitted to a project, against a stage whose schema has a field of
// every type (with a range and a list of allowed values), inside a transaction that is rolled back.
#include "fuzz_input.h"
#include "jobs/run_request.h"
#include "jobs/stage_registry.h"
#include "store/project_store.h"
#include "store/transaction.h"
#include "util/error.h"
#include "util/json_file.h"

namespace {

using namespace redit;

const StageRegistry& registry() {
    static const StageRegistry r = [] {
        using T = FieldSpec::Type;
        StageRegistry stages;
        stages.add({"probe", "every field type", ConfigSchema({{"model", T::String, "", nullptr, {}, {}, {}},
                                                                {"steps", T::Integer, "", 10, 1.0, 1000.0, {}},
                                                                {"lr", T::Number, "", 0.1, 0.0, 1.0, {}},
                                                                {"mode", T::String, "", "a", {}, {}, {"a", "b"}},
                                                                {"flag", T::Boolean, "", false, {}, {}, {}},
                                                                {"list", T::Array, "", {1, 2}, {}, {}, {}},
                                                                {"nested", T::Object, "", nlohmann::json::object(), {}, {}, {}}}),
                    [] { return std::unique_ptr<Job>(); }});
        return stages;
    }();
    return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static ProjectStore store = [] {
        const std::string path = redit::fuzz::writeInput(nullptr, 0, "runs.redit");
        std::remove(path.c_str());
        return ProjectStore::create(path);
    }();
    const std::string path = redit::fuzz::writeInput(data, size, "run.json");
    try {
        const nlohmann::json request = readJsonFile(path);
        WriteTransaction rollback(store);
        submitRun(store, registry(), request);
    } catch (const redit::Error&) {
    }
    return 0;
}
