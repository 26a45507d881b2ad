#include "sweep/sweep_spec.h"

#include <filesystem>

#include "jobs/run_request.h"
#include "jobs/stage_registry.h"
#include "util/error.h"
#include "util/fnv1a.h"
#include "util/json_file.h"

namespace redit {

namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kSpecKeys = {"name", "run", "axes", "folder", "slurm"};

// The JSON pointer of a dotted key: "params.reshape.rho" -> /params/reshape/rho.
nlohmann::json::json_pointer pointerOf(const std::string& key) {
    std::string pointer;
    std::size_t start = 0;
    while (true) {
        std::size_t dot = key.find('.', start);
        pointer += "/" + key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return nlohmann::json::json_pointer(pointer);
}

// Checks a cell's run config as `redit run` would, without a project: the run fields and the stage params.
void checkRequest(const nlohmann::json& request, const StageRegistry& registry) {
    const nlohmann::json run = runRequestSchema().apply(request);
    registry.get(run.at("kind").get<std::string>()).schema.apply(run.at("params"));
}

}  // namespace

int SweepSpec::cellCount() const {
    int count = 1;
    for (const SweepAxis& axis : axes) count *= int(axis.values.size());
    return count;
}

SweepSpec readSweepSpec(const std::string& path, const StageRegistry& registry) {
    const nlohmann::json json = readJsonFile(path);
    JsonFields fields(json, path);
    if (!json.is_object()) throw FileError(path, "a sweep spec is a JSON object");
    for (const auto& [key, value] : json.items())
        if (std::find(kSpecKeys.begin(), kSpecKeys.end(), key) == kSpecKeys.end())
            fields.fail(key, "is not a key of a sweep spec (name, run, axes, folder, slurm)");

    SweepSpec spec;
    spec.file = path;
    const fs::path specFolder = fs::absolute(path).parent_path();
    spec.name = fields.optionalString("name", fs::path(path).stem().string());
    spec.run = fields.at("run");
    if (!spec.run.is_object()) fields.fail("run", "must be a run config (a JSON object with kind and params)");

    const nlohmann::json& axes = fields.at("axes");
    if (!axes.is_object() || axes.empty()) fields.fail("axes", "must be an object of key: [values]");
    for (const auto& [key, values] : axes.items()) {
        if (!values.is_array() || values.empty()) fields.fail("axes", "'" + key + "' must be a non-empty list of values");
        if (key == "kind") fields.fail("axes", "'kind' cannot be swept (one stage per sweep)");
        spec.axes.push_back({key, std::vector<nlohmann::json>(values.begin(), values.end())});
    }
    spec.folder = (specFolder / fields.optionalString("folder", fs::path(path).stem().string() + ".sweep"))
                      .lexically_normal().string();
    if (json.contains("slurm")) {
        spec.slurm = json.at("slurm");
        if (!spec.slurm.is_object()) fields.fail("slurm", "must be an object of sbatch settings");
    }
    Fnv1a hash;
    hash.addField(json.at("run").dump());
    hash.addField(axes.dump());
    spec.id = hash.hex();
    for (int i = 0; i < spec.cellCount(); ++i) sweepCell(spec, i, registry);  // every cell is a valid run
    return spec;
}

SweepCell sweepCell(const SweepSpec& spec, int index, const StageRegistry& registry) {
    if (index < 0 || index >= spec.cellCount())
        throw FileError(spec.file, "has no cell " + std::to_string(index) + " (its cells are 0.." +
                                       std::to_string(spec.cellCount() - 1) + ")");
    SweepCell cell;
    cell.index = index;
    cell.request = spec.run;
    int rest = index;
    for (auto axis = spec.axes.rbegin(); axis != spec.axes.rend(); ++axis) {
        const int n = int(axis->values.size());
        const nlohmann::json& value = axis->values[std::size_t(rest % n)];
        rest /= n;
        cell.values[axis->key] = value;
        cell.request[pointerOf(axis->key)] = value;
    }
    try {
        // The model is named relative to the spec; every cell and the merged project store it absolute.
        if (cell.request.contains("params") && cell.request["params"].is_object()) {
            nlohmann::json& params = cell.request["params"];
            if (params.contains("model") && params["model"].is_string())
                params["model"] = (fs::absolute(spec.file).parent_path() / params["model"].get<std::string>())
                                      .lexically_normal().string();
        }
        const std::string name = cell.request.value("name", std::string());
        cell.request["name"] = (name.empty() ? spec.name : name) + " [" + cellLabel(cell) + "]";
        checkRequest(cell.request, registry);
    } catch (const Error& e) {
        throw FileError(spec.file, "cell " + std::to_string(index) + " (" + cellLabel(cell) + "): " + e.what());
    } catch (const nlohmann::json::exception& e) {
        throw FileError(spec.file, "cell " + std::to_string(index) + " (" + cellLabel(cell) + "): " + e.what());
    }
    return cell;
}

std::vector<SweepCell> sweepCells(const SweepSpec& spec, const StageRegistry& registry) {
    std::vector<SweepCell> cells;
    for (int i = 0; i < spec.cellCount(); ++i) cells.push_back(sweepCell(spec, i, registry));
    return cells;
}

std::string cellLabel(const SweepCell& cell) {
    std::string label;
    for (const auto& [key, value] : cell.values.items())
        label += (label.empty() ? "" : " ") + key + "=" + (value.is_string() ? value.get<std::string>() : value.dump());
    return label;
}

}  // namespace redit
