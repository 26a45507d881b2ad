#include "stages/pipeline_config.h"

#include <set>

#include "jobs/cancel_token.h"
#include "jobs/job_runner.h"
#include "jobs/run_request.h"
#include "data/dataset_spec.h"
#include "jobs/stage_registry.h"
#include "results/provenance.h"
#include "stages/project_paths.h"
#include "store/runs.h"
#include "util/error.h"

namespace redit::stages {

using namespace redit::results;

namespace {

// Copies `section`'s keys into params under their compare-stage names.
void copySection(const nlohmann::json& config, const char* section,
                 const std::vector<std::pair<std::string, std::string>>& names, nlohmann::json& params) {
    if (!config.contains(section)) return;
    const nlohmann::json& s = config.at(section);
    if (!s.is_object()) throw ConfigError(std::string("pipeline config: '") + section + "' must be an object");
    for (const auto& [key, value] : s.items()) {
        bool known = false;
        for (const auto& [from, to] : names)
            if (key == from) params[to] = value, known = true;
        if (!known) throw ConfigError(std::string("pipeline config: unknown key '") + section + "." + key + "'");
    }
}

const std::vector<std::pair<std::string, std::string>> kLoraKeys = {
    {"steps", "lora_steps"}, {"lr", "lora_lr"}, {"rank", "lora_rank"}, {"protocol", "protocol"},
    {"layers", "lora_layers"}};
const std::vector<std::pair<std::string, std::string>> kLocateEditKeys = {
    {"layer", "edit_layer"},
    {"value_steps", "value_steps"},
    {"value_lr", "value_lr"},
    {"value_weight_decay", "value_weight_decay"},
    {"value_clamp", "value_clamp"},
    {"covariance_ridge", "covariance_ridge"},
    {"null_space_threshold", "null_space_threshold"},
    {"key_data", "key_data"}};
const std::vector<std::string> kTopLevelKeys = {"model", "levels", "seeds", "methods", "transfer_patterns",
                                                "batch", "lora",  "locate_edit", "reshape", "keep_reshaped_models"};

// The stored params of an earlier run as the schema fills them today, so that a run recorded before a field
// was added (with its default) is still found; null when they no longer fit the schema.
nlohmann::json currentParams(const ConfigSchema& schema, const nlohmann::json& stored) {
    try {
        return schema.apply(stored);
    } catch (const ConfigError&) {
        return nullptr;
    }
}

}  // namespace

std::vector<std::string> pipelineConfigKeys() {
    std::vector<std::string> keys = kTopLevelKeys;
    for (const auto& [key, param] : kLoraKeys) keys.push_back("lora." + key);
    for (const auto& [key, param] : kLocateEditKeys) keys.push_back("locate_edit." + key);
    return keys;
}

std::vector<nlohmann::json> compareRunRequests(const nlohmann::json& config) {
    if (!config.is_object()) throw ConfigError("pipeline config: must be a JSON object");
    const std::set<std::string> known(kTopLevelKeys.begin(), kTopLevelKeys.end());
    for (const auto& [key, value] : config.items())
        if (!known.count(key)) throw ConfigError("pipeline config: unknown key '" + key + "'");
    if (!config.contains("model") || !config.at("model").is_string())
        throw ConfigError("pipeline config: 'model' (a model folder) is required");
    if (!config.contains("levels") || !config.at("levels").is_array() || config.at("levels").empty())
        throw ConfigError("pipeline config: 'levels' must be a non-empty array of {\"level\", \"data\"}");

    nlohmann::json shared = {{"model", config.at("model")}};
    for (const char* key : {"seeds", "methods", "transfer_patterns", "batch", "reshape"})
        if (config.contains(key)) shared[key] = config.at(key);
    if (config.contains("keep_reshaped_models")) shared["keep_reshaped"] = config.at("keep_reshaped_models");
    copySection(config, "lora", kLoraKeys, shared);
    copySection(config, "locate_edit", kLocateEditKeys, shared);

    std::vector<nlohmann::json> requests;
    for (const nlohmann::json& level : config.at("levels")) {
        if (!level.is_object() || !level.contains("level") || !level.at("level").is_number_integer() ||
            !level.contains("data") || !level.at("data").is_string() || level.size() != 2)
            throw ConfigError("pipeline config: each of 'levels' must be {\"level\": N, \"data\": \"dataset spec\"}, got " +
                              level.dump());
        nlohmann::json params = shared;
        params["level"] = level.at("level");
        params["data"] = level.at("data");
        requests.push_back({{"kind", "compare"},
                            {"name", "compare level " + std::to_string(level.at("level").get<int>())},
                            {"params", params}});
    }
    return requests;
}

std::vector<PipelineRun> runPipeline(ProjectStore& store, const StageRegistry& registry, const nlohmann::json& config,
                                     const CancelToken& token, const ProgressSink& sink) {
    std::vector<PipelineRun> done;
    for (const nlohmann::json& request : compareRunRequests(config)) {
        const ConfigSchema& schema = registry.get("compare").schema;
        const nlohmann::json params = schema.apply(request.at("params"));
        PipelineRun run;
        for (const RunRecord& r : listRuns(store))
            if (r.kind == "compare" && currentParams(schema, r.config.value("params", nlohmann::json())) == params &&
                (r.status == RunStatus::Finished || isResumable(r.status)))
                run.runId = r.id, run.alreadyFinished = r.status == RunStatus::Finished, run.resumed = !run.alreadyFinished;
        if (run.runId == 0) {
            // The run's provenance names the model and dataset it used, like runs started from other commands.
            nlohmann::json withInputs = request;
            const std::string data = params.at("data").get<std::string>();
            const RegisteredInputs inputs =
                registerInputs(store, resolveProjectPath(store, params.at("model").get<std::string>()), data,
                               data::loadDataset(data));
            withInputs["model_id"] = inputs.modelId;
            withInputs["dataset_id"] = inputs.datasetId;
            run.runId = submitRun(store, registry, withInputs);
        }
        if (!run.alreadyFinished) {
            const RunStatus status = executeRun(store, registry, run.runId, token, sink);
            if (status == RunStatus::Failed)
                throw Error("run " + std::to_string(run.runId) + " failed: " + loadRun(store, run.runId).error);
            done.push_back(run);
            if (status != RunStatus::Finished) return done;
            continue;
        }
        done.push_back(run);
    }
    return done;
}

}  // namespace redit::stages
