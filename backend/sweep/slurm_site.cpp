#include "sweep/slurm_site.h"

#include "util/error.h"
#include "util/json_file.h"

namespace redit {

namespace {

std::vector<std::string> stringList(const JsonFields& fields, const std::string& key) {
    const nlohmann::json& value = fields.at(key);
    if (!value.is_array()) fields.fail(key, "must be a list of strings");
    std::vector<std::string> lines;
    for (const nlohmann::json& line : value) {
        if (!line.is_string()) fields.fail(key, "must be a list of strings");
        lines.push_back(line.get<std::string>());
    }
    return lines;
}

void apply(SlurmSite& site, const nlohmann::json& json, const std::string& file) {
    static const std::vector<std::string> keys = {"partition",  "account",        "qos",        "cpus_per_task",
                                                  "gpus_per_task", "max_parallel", "time",      "time_margin",
                                                  "memory_margin", "memory_default_mb", "preamble", "sbatch_options",
                                                  "redit"};
    if (!json.is_object()) throw FileError(file, "the Slurm settings must be a JSON object");
    JsonFields fields(json, file);
    for (const auto& [key, value] : json.items())
        if (std::find(keys.begin(), keys.end(), key) == keys.end())
            fields.fail(key, "is not a Slurm setting (see docs/cluster.md)");
    site.partition = fields.optionalString("partition", site.partition);
    site.account = fields.optionalString("account", site.account);
    site.qos = fields.optionalString("qos", site.qos);
    site.cpusPerTask = int(fields.optionalPositiveInt("cpus_per_task", site.cpusPerTask));
    site.gpusPerTask = int(fields.optionalPositiveInt("gpus_per_task", site.gpusPerTask));
    site.maxParallel = int(fields.optionalInt("max_parallel", site.maxParallel));
    site.time = fields.optionalString("time", site.time);
    site.timeMargin = fields.optionalNumber("time_margin", site.timeMargin);
    site.memoryMargin = fields.optionalNumber("memory_margin", site.memoryMargin);
    site.memoryDefaultMb = int(fields.optionalPositiveInt("memory_default_mb", site.memoryDefaultMb));
    if (fields.has("preamble")) site.preamble = stringList(fields, "preamble");
    if (fields.has("sbatch_options")) site.sbatchOptions = stringList(fields, "sbatch_options");
    site.redit = fields.optionalString("redit", site.redit);
    if (site.maxParallel < 0) fields.fail("max_parallel", "must be 0 (no limit) or positive");
    if (site.timeMargin < 1 || site.memoryMargin < 1) fields.fail("memory_margin", "margins must be at least 1");
}

}  // namespace

SlurmSite readSlurmSite(const std::string& path, const nlohmann::json& overrides, const std::string& overridesFile) {
    SlurmSite site;
    if (!path.empty()) apply(site, readJsonFile(path), path);
    if (!overrides.empty()) apply(site, overrides, overridesFile);
    return site;
}

}  // namespace redit
