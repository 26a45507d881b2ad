#include "store/results.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "store/project_store.h"
#include "store/transaction.h"

namespace redit {

namespace {

std::vector<ResultRow> readRows(SQLite::Statement& s) {
    std::vector<ResultRow> rows;
    while (s.executeStep())
        rows.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getString(), s.getColumn(2).getInt64(),
                        nlohmann::json::parse(s.getColumn(3).getString(), nullptr, false)});
    return rows;
}

constexpr const char* kSelect = "SELECT run_id, table_name, row_index, data FROM results";

}  // namespace

void putResultRow(ProjectStore& store, std::int64_t runId, const std::string& table, std::int64_t index,
                  const nlohmann::json& row) {
    SQLite::Statement s(store.db(),
                        "INSERT OR REPLACE INTO results(run_id, table_name, row_index, data) VALUES (?, ?, ?, ?)");
    s.bind(1, runId);
    s.bind(2, table);
    s.bind(3, index);
    s.bind(4, row.dump());
    s.exec();
}

void appendResultRows(ProjectStore& store, std::int64_t runId, const std::string& table,
                      const std::vector<nlohmann::json>& rows) {
    WriteTransaction tx(store);
    SQLite::Statement next(store.db(), "SELECT ifnull(max(row_index) + 1, 0) FROM results"
                                       " WHERE run_id = ? AND table_name = ?");
    next.bind(1, runId);
    next.bind(2, table);
    next.executeStep();
    std::int64_t index = next.getColumn(0).getInt64();
    for (const nlohmann::json& row : rows) putResultRow(store, runId, table, index++, row);
    tx.commit();
}

std::vector<ResultRow> resultRows(const ProjectStore& store, std::int64_t runId, const std::string& table) {
    SQLite::Statement s(store.db(), std::string(kSelect) + " WHERE run_id = ? AND table_name = ? ORDER BY row_index");
    s.bind(1, runId);
    s.bind(2, table);
    return readRows(s);
}

std::vector<ResultRow> allResultRows(const ProjectStore& store) {
    SQLite::Statement s(store.db(), std::string(kSelect) + " ORDER BY run_id, table_name, row_index");
    return readRows(s);
}

}  // namespace redit
