#include "results/edit_records.h"

#include "store/results.h"
#include "util/error.h"

namespace redit::results {

nlohmann::json editOutcomeJson(const EditOutcomeRow& row) {
    const PatternEditOutcome& o = row.outcome;
    nlohmann::json json = {{"level", row.level},
                           {"method", editMethodName(row.method)},
                           {"seed", o.seed},
                           {"pattern", o.patternId},
                           {"raw", o.raw},
                           {"generality", o.generality},
                           {"locality", o.locality ? nlohmann::json(*o.locality) : nlohmann::json(nullptr)},
                           {"transfer", row.transfer}};
    if (row.reshaped) json["reshaped"] = *row.reshaped;
    return json;
}

namespace {

const nlohmann::json& field(const nlohmann::json& row, const char* name) {
    const auto it = row.find(name);
    if (it == row.end()) throw ConfigError(std::string("field '") + name + "' is missing");
    return *it;
}

double number(const nlohmann::json& row, const char* name) {
    const nlohmann::json& v = field(row, name);
    if (!v.is_number()) throw ConfigError(std::string("field '") + name + "' must be a number");
    return v.get<double>();
}

int64_t integer(const nlohmann::json& row, const char* name) {
    const nlohmann::json& v = field(row, name);
    if (!v.is_number_integer()) throw ConfigError(std::string("field '") + name + "' must be an integer");
    return v.get<int64_t>();
}

std::string text(const nlohmann::json& row, const char* name) {
    const nlohmann::json& v = field(row, name);
    if (!v.is_string()) throw ConfigError(std::string("field '") + name + "' must be a string");
    return v.get<std::string>();
}

}  // namespace

EditOutcomeRow editOutcomeFromJson(const nlohmann::json& row) {
    if (!row.is_object()) throw ConfigError("not an object");
    EditOutcomeRow r;
    r.level = int(integer(row, "level"));
    r.method = parseEditMethod(text(row, "method"));
    r.outcome.seed = uint64_t(integer(row, "seed"));
    r.outcome.patternId = text(row, "pattern");
    r.outcome.raw = number(row, "raw");
    r.outcome.generality = number(row, "generality");
    if (row.contains("locality") && !row["locality"].is_null()) r.outcome.locality = number(row, "locality");
    if (row.contains("transfer")) {
        if (!row["transfer"].is_boolean()) throw ConfigError("field 'transfer' must be true or false");
        r.transfer = row["transfer"].get<bool>();
    }
    if (row.contains("reshaped") && !row["reshaped"].is_null()) r.reshaped = number(row, "reshaped");
    return r;
}

std::vector<EditOutcomeRow> editOutcomesFromJson(const std::vector<nlohmann::json>& rows) {
    std::vector<EditOutcomeRow> outcomes;
    outcomes.reserve(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        try {
            outcomes.push_back(editOutcomeFromJson(rows[i]));
        } catch (const ConfigError& e) {
            throw ConfigError(std::string(kEditOutcomesTable) + " row " + std::to_string(i) + ": " + e.what());
        }
    }
    return outcomes;
}

std::vector<EditOutcomeRow> loadEditOutcomes(const ProjectStore& store, int64_t runId) {
    std::vector<nlohmann::json> rows;
    for (const ResultRow& r : resultRows(store, runId, kEditOutcomesTable)) rows.push_back(r.data);
    return editOutcomesFromJson(rows);
}

}  // namespace redit::results
