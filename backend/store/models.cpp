#include "store/models.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "store/project_store.h"
#include "store/transaction.h"

namespace redit {

namespace {

// Inserts unless the (key, hash) pair exists; returns the row's id either way.
std::int64_t insertOrFind(ProjectStore& store, const std::string& table, const std::string& keyColumn,
                          const std::string& name, const std::string& key, const std::string& extraColumn,
                          const std::string& extraValue, const std::string& hash) {
    WriteTransaction tx(store);
    SQLite::Statement find(store.db(), "SELECT id FROM " + table + " WHERE " + keyColumn + " = ? AND content_hash = ?");
    find.bind(1, key);
    find.bind(2, hash);
    std::int64_t id;
    if (find.executeStep()) {
        id = find.getColumn(0).getInt64();
    } else {
        std::string columns = "name, " + keyColumn + ", content_hash" + (extraColumn.empty() ? "" : ", " + extraColumn);
        SQLite::Statement insert(store.db(), "INSERT INTO " + table + "(" + columns + ") VALUES (?, ?, ?" +
                                                 (extraColumn.empty() ? ")" : ", ?)"));
        insert.bind(1, name);
        insert.bind(2, key);
        insert.bind(3, hash);
        if (!extraColumn.empty()) insert.bind(4, extraValue);
        insert.exec();
        id = store.db().getLastInsertRowid();
    }
    tx.commit();
    return id;
}

}  // namespace

std::int64_t addModel(ProjectStore& store, const ModelRecord& model) {
    return insertOrFind(store, "models", "path", model.name, model.path, "config", model.config.dump(),
                        model.contentHash);
}

std::vector<ModelRecord> listModels(const ProjectStore& store) {
    SQLite::Statement s(store.db(), "SELECT id, name, path, config, content_hash FROM models ORDER BY id");
    std::vector<ModelRecord> models;
    while (s.executeStep())
        models.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getString(), s.getColumn(2).getString(),
                          nlohmann::json::parse(s.getColumn(3).getString(), nullptr, false),
                          s.getColumn(4).getString()});
    return models;
}

std::int64_t addDataset(ProjectStore& store, const DatasetRecord& dataset) {
    return insertOrFind(store, "datasets", "spec", dataset.name, dataset.spec.dump(), "", "", dataset.contentHash);
}

std::vector<DatasetRecord> listDatasets(const ProjectStore& store) {
    SQLite::Statement s(store.db(), "SELECT id, name, spec, content_hash FROM datasets ORDER BY id");
    std::vector<DatasetRecord> datasets;
    while (s.executeStep())
        datasets.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getString(),
                            nlohmann::json::parse(s.getColumn(2).getString(), nullptr, false),
                            s.getColumn(3).getString()});
    return datasets;
}

}  // namespace redit
