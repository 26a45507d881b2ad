#include "store/circuits.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "store/blob_binding.h"
#include "store/float_blob.h"
#include "store/project_store.h"
#include "store/transaction.h"
#include "util/error.h"

namespace redit {

namespace {
std::optional<std::int64_t> optionalId(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return c.getInt64();
}
}  // namespace

std::int64_t addGraphSpec(ProjectStore& store, const nlohmann::json& spec, std::int64_t edgeCount,
                          std::optional<std::int64_t> modelId) {
    WriteTransaction tx(store);
    SQLite::Statement insert(store.db(), "INSERT OR IGNORE INTO graph_specs(model_id, spec, edge_count) VALUES (?, ?, ?)");
    if (modelId)
        insert.bind(1, *modelId);
    else
        insert.bind(1);
    insert.bind(2, spec.dump());
    insert.bind(3, edgeCount);
    insert.exec();
    SQLite::Statement find(store.db(), "SELECT id FROM graph_specs WHERE spec = ? AND edge_count = ?");
    find.bind(1, spec.dump());
    find.bind(2, edgeCount);
    find.executeStep();
    std::int64_t id = find.getColumn(0).getInt64();
    tx.commit();
    return id;
}

std::int64_t saveCircuit(ProjectStore& store, const StoredCircuit& circuit) {
    SQLite::Statement edges(store.db(), "SELECT edge_count FROM graph_specs WHERE id = ?");
    edges.bind(1, circuit.graphSpecId);
    if (!edges.executeStep()) throw ConfigError("no graph spec with id " + std::to_string(circuit.graphSpecId));
    std::int64_t edgeCount = edges.getColumn(0).getInt64();
    if (std::int64_t(circuit.scores.size()) != edgeCount)
        throw ConfigError("circuit '" + circuit.name + "' has " + std::to_string(circuit.scores.size()) +
                          " edge scores but its graph spec has " + std::to_string(edgeCount) + " edges");

    std::vector<unsigned char> blob = encodeFloat32(circuit.scores);
    SQLite::Statement s(store.db(), "INSERT INTO circuits(run_id, graph_spec_id, name, instance_id, edge_count, scores)"
                                    " VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, circuit.runId);
    s.bind(2, circuit.graphSpecId);
    s.bind(3, circuit.name);
    if (circuit.instanceId)
        s.bind(4, *circuit.instanceId);
    else
        s.bind(4);
    s.bind(5, edgeCount);
    bindBlob(s, 6, blob);
    s.exec();
    return store.db().getLastInsertRowid();
}

StoredCircuit loadCircuit(const ProjectStore& store, std::int64_t circuitId) {
    SQLite::Statement s(store.db(), "SELECT id, run_id, graph_spec_id, name, instance_id, edge_count, scores"
                                    " FROM circuits WHERE id = ?");
    s.bind(1, circuitId);
    if (!s.executeStep()) throw ConfigError("no circuit with id " + std::to_string(circuitId));
    StoredCircuit c{s.getColumn(0).getInt64(), s.getColumn(1).getInt64(), s.getColumn(2).getInt64(),
              s.getColumn(3).getString(), optionalId(s.getColumn(4)), {}};
    std::int64_t edgeCount = s.getColumn(5).getInt64();
    if (edgeCount < 0) throw FileError(store.path(), "circuit " + std::to_string(circuitId) + " has a negative edge count");
    SQLite::Column scores = s.getColumn(6);
    c.scores = decodeFloat32(scores.getBlob(), std::size_t(scores.getBytes()), std::size_t(edgeCount), store.path(),
                             "circuit " + std::to_string(circuitId) + " ('" + c.name + "') scores");
    return c;
}

std::vector<StoredCircuit> listCircuits(const ProjectStore& store, std::int64_t runId) {
    SQLite::Statement s(store.db(), "SELECT id, run_id, graph_spec_id, name, instance_id FROM circuits"
                                    " WHERE run_id = ? ORDER BY id");
    s.bind(1, runId);
    std::vector<StoredCircuit> list;
    while (s.executeStep())
        list.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getInt64(), s.getColumn(2).getInt64(),
                        s.getColumn(3).getString(), optionalId(s.getColumn(4)), {}});
    return list;
}

}  // namespace redit
