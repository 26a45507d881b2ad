#include "jobs/run_request.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include "jobs/config_schema.h"
#include "jobs/stage_registry.h"
#include "store/project_store.h"
#include "store/runs.h"
#include "store/store_error.h"
#include "util/error.h"

namespace redit {

const ConfigSchema& runRequestSchema() {
    using T = FieldSpec::Type;
    static const ConfigSchema schema({
        {"kind", T::String, "stage kind", nullptr, {}, {}, {}},
        {"name", T::String, "label shown in lists", "", {}, {}, {}},
        {"seed", T::Integer, "random seed", 0, 0.0, 9.0e15, {}},
        {"device", T::String, "cpu or cuda[:N]", "cpu", {}, {}, {}},
        {"model_id", T::Integer, "model the run uses (0: none)", 0, 0.0, {}, {}},
        {"dataset_id", T::Integer, "dataset the run uses (0: none)", 0, 0.0, {}, {}},
        {"params", T::Object, "the stage's own settings", nlohmann::json::object(), {}, {}, {}},
    });
    return schema;
}

namespace {

std::optional<std::int64_t> nonZero(const nlohmann::json& id) {
    std::int64_t v = id.get<std::int64_t>();
    if (v == 0) return std::nullopt;
    return v;
}

}  // namespace

std::int64_t submitRun(ProjectStore& store, const StageRegistry& registry, const nlohmann::json& request) {
    nlohmann::json config = runRequestSchema().apply(request);
    const StageInfo& stage = registry.get(config["kind"].get<std::string>());
    try {
        config["params"] = stage.schema.apply(config["params"]);
    } catch (const ConfigError& e) {
        throw ConfigError(std::string("params of stage '") + stage.kind + "': " + e.what());
    }
    NewRun run;
    run.kind = stage.kind;
    run.name = config["name"].get<std::string>();
    run.config = config;
    run.seed = config["seed"].get<std::int64_t>();
    run.device = config["device"].get<std::string>();
    run.modelId = nonZero(config["model_id"]);
    run.datasetId = nonZero(config["dataset_id"]);
    run.libraryVersions = registry.libraryVersions();
    try {
        return createRun(store, run);
    } catch (const SQLite::Exception& e) {
        // Only a broken foreign key is the config's fault; a full disk or a read-only file is the project's.
        if ((e.getErrorCode() & 0xff) != SQLITE_CONSTRAINT) throw projectFileError(store.path(), "cannot be written", e);
        throw ConfigError("config field 'model_id' or 'dataset_id' names no model or dataset of the project (" +
                          std::string(e.what()) + ")");
    }
}

}  // namespace redit
