#include "pipeline/edit_results.h"

#include <map>
#include <tuple>

#include "store/results.h"
#include "util/error.h"

namespace redit::pipeline {

namespace {

nlohmann::json meanStdJson(const MeanStd& m) { return {{"mean", m.mean}, {"std", m.std}}; }

int methodRank(EditMethod method) {
    const std::vector<EditMethod> order = allEditMethods();
    for (std::size_t i = 0; i < order.size(); ++i)
        if (order[i] == method) return int(i);
    return int(order.size());
}

}  // namespace

nlohmann::json editOutcomeJson(const EditOutcomeRow& row) {
    const PatternEditOutcome& o = row.outcome;
    return {{"level", row.level},
            {"method", editMethodName(row.method)},
            {"seed", o.seed},
            {"pattern", o.patternId},
            {"raw", o.raw},
            {"generality", o.generality},
            {"locality", o.locality ? nlohmann::json(*o.locality) : nlohmann::json(nullptr)},
            {"transfer", row.transfer}};
}

EditOutcomeRow editOutcomeFromJson(const nlohmann::json& row) {
    try {
        EditOutcomeRow r;
        r.level = row.at("level").get<int>();
        r.method = parseEditMethod(row.at("method").get<std::string>());
        r.outcome.seed = row.at("seed").get<uint64_t>();
        r.outcome.patternId = row.at("pattern").get<std::string>();
        r.outcome.raw = row.at("raw").get<double>();
        r.outcome.generality = row.at("generality").get<double>();
        if (!row.at("locality").is_null()) r.outcome.locality = row.at("locality").get<double>();
        r.transfer = row.at("transfer").get<bool>();
        return r;
    } catch (const nlohmann::json::exception& e) {
        throw ConfigError(std::string("malformed edit_outcomes row: ") + e.what());
    }
}

std::vector<nlohmann::json> editSummaryRows(const std::vector<EditOutcomeRow>& outcomes) {
    std::map<std::tuple<int, int, bool>, std::vector<PatternEditOutcome>> groups;
    for (const EditOutcomeRow& r : outcomes) groups[{r.level, methodRank(r.method), r.transfer}].push_back(r.outcome);
    std::vector<nlohmann::json> rows;
    for (const auto& [key, group] : groups) {
        const EditSummary s = summarizeEdits(group);
        rows.push_back({{"level", std::get<0>(key)},
                        {"method", editMethodName(allEditMethods().at(size_t(std::get<1>(key))))},
                        {"transfer", std::get<2>(key)},
                        {"seeds", s.seeds},
                        {"patterns", s.patterns},
                        {"raw", meanStdJson(s.raw)},
                        {"generality", meanStdJson(s.generality)},
                        {"locality", s.locality.n > 0 ? meanStdJson(s.locality) : nlohmann::json(nullptr)}});
    }
    return rows;
}

std::vector<EditOutcomeRow> loadEditOutcomes(const ProjectStore& store, int64_t runId) {
    std::vector<EditOutcomeRow> rows;
    for (const ResultRow& r : resultRows(store, runId, kEditOutcomesTable)) rows.push_back(editOutcomeFromJson(r.data));
    return rows;
}

}  // namespace redit::pipeline
