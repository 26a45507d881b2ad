#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace redit {

class ProjectStore;

// Result tables: named tables of JSON rows, each row belonging to the run that produced it.
struct ResultRow {
    std::int64_t runId = 0;
    std::string table;
    std::int64_t index = 0;
    nlohmann::json data;
};

// Writes the row at `index` (replacing one written there before, so repeating a step is idempotent).
void putResultRow(ProjectStore& store, std::int64_t runId, const std::string& table, std::int64_t index,
                  const nlohmann::json& row);
// Appends rows after the table's last one, in one transaction.
void appendResultRows(ProjectStore& store, std::int64_t runId, const std::string& table,
                      const std::vector<nlohmann::json>& rows);

std::vector<ResultRow> resultRows(const ProjectStore& store, std::int64_t runId, const std::string& table);
std::vector<ResultRow> allResultRows(const ProjectStore& store);  // by run, table, index

}  // namespace redit
