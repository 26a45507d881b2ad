#include "store/project_merge.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <variant>

#include "store/project_info.h"
#include "store/project_store.h"
#include "store/transaction.h"
#include "util/error.h"

namespace redit {

namespace {

using IdMap = std::unordered_map<std::int64_t, std::int64_t>;

// One SQLite value, carried from a source row to a target row unchanged.
struct Blob {
    std::string bytes;
};
using Value = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

Value readValue(const SQLite::Column& c) {
    switch (c.getType()) {
        case SQLITE_INTEGER: return c.getInt64();
        case SQLITE_FLOAT: return c.getDouble();
        case SQLITE_TEXT: return c.getString();
        case SQLITE_BLOB: return Blob{std::string(static_cast<const char*>(c.getBlob()), std::size_t(c.getBytes()))};
        default: return std::monostate{};
    }
}

void bindValue(SQLite::Statement& s, int index, const Value& v) {
    if (auto i = std::get_if<std::int64_t>(&v)) s.bind(index, *i);
    else if (auto d = std::get_if<double>(&v)) s.bind(index, *d);
    else if (auto t = std::get_if<std::string>(&v)) s.bind(index, *t);
    else if (auto b = std::get_if<Blob>(&v)) s.bind(index, b->bytes.data(), int(b->bytes.size()));
    else s.bind(index);
}

std::string joined(const std::vector<std::string>& items, const std::string& separator, const std::string& suffix = "") {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : separator) + item + suffix;
    return out;
}

// How the rows of one table are copied: `columns` (without `id`) are read from the source; a column named
// in `remap` holds an id of another table and is translated (rows whose id has no translation are skipped:
// they belong to runs that are not merged); `uniqueKey` finds an equal row in the target instead of
// inserting a second one.
struct TableCopy {
    std::string table;
    std::vector<std::string> columns;
    std::map<std::string, const IdMap*> remap = {};
    std::vector<std::string> uniqueKey = {};
    bool hasId = true;
};

// Copies the rows of one table; returns source id -> target id (for tables with an id).
IdMap copyTable(const SQLite::Database& source, SQLite::Database& target, const TableCopy& t) {
    IdMap ids;
    std::vector<std::string> selected = t.columns;
    if (t.hasId) selected.insert(selected.begin(), "id");
    SQLite::Statement read(source, "SELECT " + joined(selected, ", ") + " FROM " + t.table + (t.hasId ? " ORDER BY id" : ""));
    SQLite::Statement insert(target, "INSERT INTO " + t.table + "(" + joined(t.columns, ", ") + ") VALUES (" +
                                         joined(std::vector<std::string>(t.columns.size(), "?"), ", ") + ")");
    std::optional<SQLite::Statement> find;
    if (!t.uniqueKey.empty())
        find.emplace(target, std::string("SELECT ") + (t.hasId ? "id" : "0") + " FROM " + t.table + " WHERE " + joined(t.uniqueKey, " AND ", " IS ?"));

    while (read.executeStep()) {
        const int offset = t.hasId ? 1 : 0;
        std::map<std::string, Value> row;
        bool mapped = true;
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
            Value v = readValue(read.getColumn(int(i) + offset));
            auto remap = t.remap.find(t.columns[i]);
            if (remap != t.remap.end() && std::holds_alternative<std::int64_t>(v)) {
                auto to = remap->second->find(std::get<std::int64_t>(v));
                if (to == remap->second->end()) {
                    mapped = false;
                    break;
                }
                v = to->second;
            }
            row[t.columns[i]] = std::move(v);
        }
        if (!mapped) continue;
        const std::int64_t sourceId = t.hasId ? read.getColumn(0).getInt64() : 0;
        if (find) {
            find->reset();
            for (std::size_t k = 0; k < t.uniqueKey.size(); ++k) bindValue(*find, int(k) + 1, row.at(t.uniqueKey[k]));
            if (find->executeStep()) {
                ids[sourceId] = find->getColumn(0).getInt64();
                continue;
            }
        }
        insert.reset();
        insert.clearBindings();
        for (std::size_t i = 0; i < t.columns.size(); ++i) bindValue(insert, int(i) + 1, row.at(t.columns[i]));
        insert.exec();
        if (t.hasId) ids[sourceId] = target.getLastInsertRowid();
    }
    return ids;
}

// A run's params name other runs of its project by id (`circuits_run`, `distances_run`, ...): translate them.
nlohmann::json translateRunReferences(nlohmann::json config, const IdMap& runs) {
    if (!config.contains("params") || !config["params"].is_object()) return config;
    for (auto& [key, value] : config["params"].items()) {
        if (key.size() < 4 || key.compare(key.size() - 4, 4, "_run") != 0 || !value.is_number_integer()) continue;
        auto to = runs.find(value.get<std::int64_t>());
        if (to != runs.end()) value = to->second;
    }
    return config;
}

const std::vector<std::string> kRunColumns = {
    "kind", "name", "config", "status", "seed", "device", "model_id", "dataset_id", "code_version", "library_versions",
    "created_at", "started_at", "finished_at", "elapsed_s", "progress", "progress_message", "error"};

class ProjectMerger {
public:
    ProjectMerger(ProjectStore& target, const MergeSource& source, MergeReport& report)
        : target_(target), source_(source), report_(report),
          store_(ProjectStore::open(source.path, ProjectStore::Mode::ReadOnly)) {}

    void merge() {
        const std::string sourceId = projectId(store_);
        if (sourceId == projectId(target_))
            throw FileError(source_.path, "is the target project itself (or a copy of it) and cannot be merged into it");
        const SQLite::Database& src = store_.db();
        SQLite::Database& dst = target_.db();

        const IdMap models = copyTable(src, dst, {"models", {"name", "path", "config", "content_hash", "added_at"}, {},
                                                  {"path", "content_hash"}});
        const IdMap datasets = copyTable(src, dst, {"datasets", {"name", "spec", "content_hash", "added_at"}, {},
                                                    {"spec", "content_hash"}});
        const IdMap patterns = copyTable(src, dst, {"patterns", {"dataset_id", "name", "description"},
                                                    {{"dataset_id", &datasets}}, {"dataset_id", "name"}});
        const IdMap instances = copyTable(src, dst, {"instances", {"pattern_id", "key", "data"},
                                                     {{"pattern_id", &patterns}}, {"pattern_id", "key"}});
        copyTable(src, dst, {"splits", {"split_name", "instance_id", "part"}, {{"instance_id", &instances}},
                             {"split_name", "instance_id"}, false});
        // graph_specs has no id-less key of its own: (spec, edge_count) is unique.
        const IdMap graphSpecs = copyTable(src, dst, {"graph_specs", {"model_id", "spec", "edge_count"},
                                                      {{"model_id", &models}}, {"spec", "edge_count"}});

        const IdMap runs = copyRuns(sourceId, models, datasets);
        copyTable(src, dst, {"run_log", {"run_id", "at", "level", "message"}, {{"run_id", &runs}}});
        copyTable(src, dst, {"metrics", {"run_id", "name", "step", "value"}, {{"run_id", &runs}}, {}, false});
        copyTable(src, dst, {"checkpoints", {"run_id", "name", "data", "saved_at"}, {{"run_id", &runs}}, {}, false});
        copyTable(src, dst, {"results", {"run_id", "table_name", "row_index", "data"}, {{"run_id", &runs}}, {}, false});
        const IdMap circuits = copyTable(src, dst, {"circuits", {"run_id", "graph_spec_id", "name", "instance_id",
                                                                 "edge_count", "scores"},
                                                    {{"run_id", &runs}, {"graph_spec_id", &graphSpecs},
                                                     {"instance_id", &instances}}});
        copyTable(src, dst, {"distances", {"run_id", "circuit_a", "circuit_b", "metric", "value"},
                             {{"run_id", &runs}, {"circuit_a", &circuits}, {"circuit_b", &circuits}}, {}, false});
        copyTable(src, dst, {"interference_matrices", {"run_id", "name", "row_labels", "column_labels", "row_count",
                                                       "column_count", "data"}, {{"run_id", &runs}}});
        copyTable(src, dst, {"artifacts", {"run_id", "name", "mime_type", "data", "created_at"}, {{"run_id", &runs}}});
    }

private:
    // Inserts the finished runs not merged before; returns the map of the runs inserted now (their rows
    // are copied after this), while the report lists every finished run with its id in the target.
    IdMap copyRuns(const std::string& sourceId, const IdMap& models, const IdMap& datasets) {
        const SQLite::Database& src = store_.db();
        SQLite::Database& dst = target_.db();
        IdMap all, inserted;
        SQLite::Statement read(src, "SELECT id, " + joined(kRunColumns, ", ") + " FROM runs ORDER BY id");
        SQLite::Statement known(dst, "SELECT run_id FROM run_origins WHERE source_project_id = ? AND source_run_id = ?");
        SQLite::Statement insert(dst, "INSERT INTO runs(" + joined(kRunColumns, ", ") + ") VALUES (" +
                                          joined(std::vector<std::string>(kRunColumns.size(), "?"), ", ") + ")");
        SQLite::Statement origin(dst, "INSERT INTO run_origins(run_id, source_project_id, source_path, source_run_id,"
                                      " provenance) VALUES (?, ?, ?, ?, ?)");
        const std::string sourcePath = std::filesystem::absolute(source_.path).lexically_normal().string();
        while (read.executeStep()) {
            const std::int64_t id = read.getColumn(0).getInt64();
            const std::string status = read.getColumn("status").getString();
            if (status != "finished") {
                report_.notMerged.push_back(source_.path + ": run " + std::to_string(id) + " is " + status);
                continue;
            }
            known.reset();
            known.bind(1, sourceId);
            known.bind(2, id);
            if (known.executeStep()) {
                all[id] = known.getColumn(0).getInt64();
                report_.runs.push_back({source_.path, id, all[id], true});
                continue;
            }
            insert.reset();
            insert.clearBindings();
            for (std::size_t i = 0; i < kRunColumns.size(); ++i) {
                const std::string& column = kRunColumns[i];
                Value v = readValue(read.getColumn(int(i) + 1));
                if (column == "config") v = translateRunReferences(nlohmann::json::parse(std::get<std::string>(v)), all).dump();
                const IdMap* remap = column == "model_id" ? &models : column == "dataset_id" ? &datasets : nullptr;
                if (remap && std::holds_alternative<std::int64_t>(v)) v = remap->at(std::get<std::int64_t>(v));
                bindValue(insert, int(i) + 1, v);
            }
            insert.exec();
            const std::int64_t newId = dst.getLastInsertRowid();
            all[id] = inserted[id] = newId;
            nlohmann::json provenance = source_.provenance;
            provenance["source_run"] = id;
            provenance["device"] = read.getColumn("device").getString();
            origin.reset();
            origin.bind(1, newId);
            origin.bind(2, sourceId);
            origin.bind(3, sourcePath);
            origin.bind(4, id);
            origin.bind(5, provenance.dump());
            origin.exec();
            report_.runs.push_back({source_.path, id, newId, false});
        }
        return inserted;
    }

    ProjectStore& target_;
    const MergeSource& source_;
    MergeReport& report_;
    ProjectStore store_;
};

}  // namespace

MergeReport mergeProjects(ProjectStore& target, const std::vector<MergeSource>& sources) {
    MergeReport report;
    WriteTransaction tx(target);
    for (const MergeSource& source : sources) {
        try {
            ProjectMerger(target, source, report).merge();
        } catch (const SQLite::Exception& e) {
            throw FileError(source.path, "cannot be merged into " + target.path() + ": " + e.what());
        }
    }
    tx.commit();
    return report;
}

std::vector<std::string> mergedSourcePaths(const ProjectStore& store) {
    SQLite::Statement query(store.db(), "SELECT DISTINCT source_path FROM run_origins");
    std::vector<std::string> paths;
    while (query.executeStep()) paths.push_back(query.getColumn(0).getString());
    return paths;
}

nlohmann::json runOrigin(const ProjectStore& store, std::int64_t runId) {
    SQLite::Statement query(store.db(), "SELECT source_path, source_run_id, provenance, merged_at FROM run_origins WHERE run_id = ?");
    query.bind(1, runId);
    if (!query.executeStep()) return nullptr;
    nlohmann::json origin = nlohmann::json::parse(query.getColumn(2).getString());
    origin["source"] = query.getColumn(0).getString();
    origin["source_run"] = query.getColumn(1).getInt64();
    origin["merged_at"] = query.getColumn(3).getString();
    return origin;
}

}  // namespace redit
