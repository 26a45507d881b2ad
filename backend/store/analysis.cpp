#include "store/analysis.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <nlohmann/json.hpp>

#include "store/blob_binding.h"
#include "store/float_blob.h"
#include "store/project_store.h"
#include "store/transaction.h"
#include "util/error.h"

namespace redit {

namespace {

std::vector<std::string> labelsFrom(const std::string& text, const ProjectStore& store, const std::string& what) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_array()) throw FileError(store.path(), what + " is not a JSON array");
    std::vector<std::string> labels;
    for (const auto& label : j) labels.push_back(label.is_string() ? label.get<std::string>() : label.dump());
    return labels;
}

}  // namespace

void saveDistances(ProjectStore& store, std::int64_t runId, const std::vector<CircuitDistance>& distances) {
    WriteTransaction tx(store);
    SQLite::Statement s(store.db(), "INSERT OR REPLACE INTO distances(run_id, circuit_a, circuit_b, metric, value)"
                                    " VALUES (?, ?, ?, ?, ?)");
    for (const CircuitDistance& d : distances) {
        s.bind(1, runId);
        s.bind(2, d.circuitA);
        s.bind(3, d.circuitB);
        s.bind(4, d.metric);
        s.bind(5, d.value);
        s.exec();
        s.reset();
    }
    tx.commit();
}

std::vector<CircuitDistance> loadDistances(const ProjectStore& store, std::int64_t runId) {
    SQLite::Statement s(store.db(), "SELECT circuit_a, circuit_b, metric, value FROM distances WHERE run_id = ?"
                                    " ORDER BY metric, circuit_a, circuit_b");
    s.bind(1, runId);
    std::vector<CircuitDistance> list;
    while (s.executeStep())
        list.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getInt64(), s.getColumn(2).getString(),
                        s.getColumn(3).getDouble()});
    return list;
}

std::int64_t saveInterferenceMatrix(ProjectStore& store, const InterferenceMatrix& m) {
    if (m.values.size() != m.rowLabels.size() * m.columnLabels.size())
        throw ConfigError("interference matrix '" + m.name + "' has " + std::to_string(m.values.size()) +
                          " values for " + std::to_string(m.rowLabels.size()) + " x " +
                          std::to_string(m.columnLabels.size()) + " labels");
    std::vector<unsigned char> blob = encodeFloat32(m.values);
    SQLite::Statement s(store.db(), "INSERT INTO interference_matrices(run_id, name, row_labels, column_labels,"
                                    " row_count, column_count, data) VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, m.runId);
    s.bind(2, m.name);
    s.bind(3, nlohmann::json(m.rowLabels).dump());
    s.bind(4, nlohmann::json(m.columnLabels).dump());
    s.bind(5, std::int64_t(m.rowLabels.size()));
    s.bind(6, std::int64_t(m.columnLabels.size()));
    bindBlob(s, 7, blob);
    s.exec();
    return store.db().getLastInsertRowid();
}

InterferenceMatrix loadInterferenceMatrix(const ProjectStore& store, std::int64_t matrixId) {
    SQLite::Statement s(store.db(), "SELECT id, run_id, name, row_labels, column_labels, row_count, column_count, data"
                                    " FROM interference_matrices WHERE id = ?");
    s.bind(1, matrixId);
    if (!s.executeStep()) throw ConfigError("no interference matrix with id " + std::to_string(matrixId));
    InterferenceMatrix m;
    m.id = s.getColumn(0).getInt64();
    m.runId = s.getColumn(1).getInt64();
    m.name = s.getColumn(2).getString();
    std::string what = "interference matrix " + std::to_string(matrixId);
    m.rowLabels = labelsFrom(s.getColumn(3).getString(), store, what + " row labels");
    m.columnLabels = labelsFrom(s.getColumn(4).getString(), store, what + " column labels");
    if (std::int64_t(m.rowLabels.size()) != s.getColumn(5).getInt64() ||
        std::int64_t(m.columnLabels.size()) != s.getColumn(6).getInt64())
        throw FileError(store.path(), what + " has labels that do not match its row and column counts");
    SQLite::Column data = s.getColumn(7);
    m.values = decodeFloat32(data.getBlob(), std::size_t(data.getBytes()), m.rowLabels.size() * m.columnLabels.size(),
                             store.path(), what + " values");
    return m;
}

}  // namespace redit
