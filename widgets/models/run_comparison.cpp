#include "models/run_comparison.h"

#include <map>

namespace redit::gui {
namespace {

void flattenInto(const nlohmann::json& value, const std::string& path, std::vector<std::pair<QString, QString>>& out) {
    if (value.is_object() && !value.empty()) {
        for (auto it = value.begin(); it != value.end(); ++it)
            flattenInto(it.value(), path.empty() ? it.key() : path + "." + it.key(), out);
        return;
    }
    out.emplace_back(QString::fromStdString(path), QString::fromStdString(value.dump()));
}

}  // namespace

std::vector<std::pair<QString, QString>> flattenConfig(const nlohmann::json& config) {
    std::vector<std::pair<QString, QString>> out;
    flattenInto(config, "", out);
    return out;
}

std::vector<RunFieldRow> compareRunFields(const RunDetails& a, const RunDetails& b) {
    std::map<QString, RunFieldRow> config;  // ordered by path
    for (const auto& [path, value] : flattenConfig(a.config)) config[path] = {path, value, {}, false};
    for (const auto& [path, value] : flattenConfig(b.config)) {
        RunFieldRow& row = config[path];
        row.field = path;
        row.b = value;
    }
    std::vector<RunFieldRow> rows;
    for (auto& [path, row] : config) {
        row.differs = row.a != row.b;
        rows.push_back(row);
    }
    std::vector<QString> labels;
    std::map<QString, RunFieldRow> provenance;
    for (const auto& [label, value] : a.provenance) {
        labels.push_back(label);
        provenance[label] = {label, value, {}, false};
    }
    for (const auto& [label, value] : b.provenance) {
        if (!provenance.count(label)) labels.push_back(label);
        provenance[label].field = label;
        provenance[label].b = value;
    }
    for (const QString& label : labels) {
        RunFieldRow row = provenance[label];
        row.differs = row.a != row.b;
        rows.push_back(row);
    }
    return rows;
}

}  // namespace redit::gui
