#include "store/project_export.h"

#include <nlohmann/json.hpp>

#include "store/metrics.h"
#include "store/results.h"
#include "store/runs.h"
#include "util/error.h"

namespace redit {

namespace {

nlohmann::json runsTable(const ProjectStore& store) {
    nlohmann::json rows = nlohmann::json::array();
    for (const RunRecord& r : listRuns(store))
        rows.push_back({{"id", r.id}, {"kind", r.kind}, {"name", r.name}, {"status", toString(r.status)},
                        {"seed", r.seed}, {"device", r.device}, {"model_id", r.modelId ? nlohmann::json(*r.modelId) : nullptr},
                        {"dataset_id", r.datasetId ? nlohmann::json(*r.datasetId) : nullptr},
                        {"code_version", r.codeVersion}, {"library_versions", r.libraryVersions},
                        {"config", r.config}, {"created_at", r.createdAt}, {"started_at", r.startedAt},
                        {"finished_at", r.finishedAt}, {"elapsed_s", r.elapsedSeconds}, {"error", r.error}});
    return rows;
}

nlohmann::json metricsTable(const ProjectStore& store) {
    nlohmann::json rows = nlohmann::json::array();
    for (const MetricPoint& p : allMetrics(store))
        rows.push_back({{"run_id", p.runId}, {"name", p.name}, {"step", p.step}, {"value", p.value}});
    return rows;
}

nlohmann::json resultsTable(const ProjectStore& store) {
    nlohmann::json rows = nlohmann::json::array();
    for (const ResultRow& r : allResultRows(store))
        rows.push_back({{"run_id", r.runId}, {"table", r.table}, {"row", r.index}, {"data", r.data}});
    return rows;
}

const std::vector<std::string>& columnsOf(ExportWhat what) {
    static const std::vector<std::string> runs = {"id", "kind", "name", "status", "seed", "device", "model_id",
                                                  "dataset_id", "code_version", "library_versions", "config",
                                                  "created_at", "started_at", "finished_at", "elapsed_s", "error"};
    static const std::vector<std::string> metrics = {"run_id", "name", "step", "value"};
    static const std::vector<std::string> results = {"run_id", "table", "row", "data"};
    return what == ExportWhat::Runs ? runs : what == ExportWhat::Metrics ? metrics : results;
}

std::string csvField(const nlohmann::json& value) {
    std::string text = value.is_string() ? value.get<std::string>() : value.is_null() ? "" : value.dump();
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

}  // namespace

void exportProject(const ProjectStore& store, ExportWhat what, ExportFormat format, std::ostream& out) {
    nlohmann::json rows = what == ExportWhat::Runs      ? runsTable(store)
                          : what == ExportWhat::Metrics ? metricsTable(store)
                                                        : resultsTable(store);
    if (format == ExportFormat::Json) {
        out << rows.dump(2) << '\n';
        return;
    }
    const auto& columns = columnsOf(what);
    for (std::size_t i = 0; i < columns.size(); ++i) out << (i ? "," : "") << columns[i];
    out << "\r\n";
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < columns.size(); ++i) out << (i ? "," : "") << csvField(row.at(columns[i]));
        out << "\r\n";
    }
}

ExportWhat parseExportWhat(const std::string& text) {
    if (text == "runs") return ExportWhat::Runs;
    if (text == "metrics") return ExportWhat::Metrics;
    if (text == "results") return ExportWhat::Results;
    throw ConfigError("option '--what' must be runs, metrics or results (got '" + text + "')");
}

ExportFormat parseExportFormat(const std::string& text) {
    if (text == "csv") return ExportFormat::Csv;
    if (text == "json") return ExportFormat::Json;
    throw ConfigError("option '--format' must be csv or json (got '" + text + "')");
}

}  // namespace redit
