#include "store/schema.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>

namespace redit::store {

namespace {

// Schema version 1. Never edit it once released: later changes are new migrations.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE project_info(key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE models(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, path TEXT NOT NULL, config TEXT NOT NULL,
  content_hash TEXT NOT NULL, added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  UNIQUE(path, content_hash));
CREATE TABLE datasets(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, spec TEXT NOT NULL, content_hash TEXT NOT NULL,
  added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  UNIQUE(spec, content_hash));
CREATE TABLE patterns(
  id INTEGER PRIMARY KEY, dataset_id INTEGER NOT NULL REFERENCES datasets(id), name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '', UNIQUE(dataset_id, name));
CREATE TABLE instances(
  id INTEGER PRIMARY KEY, pattern_id INTEGER NOT NULL REFERENCES patterns(id), key TEXT NOT NULL,
  data TEXT NOT NULL, UNIQUE(pattern_id, key));
CREATE TABLE splits(
  split_name TEXT NOT NULL, instance_id INTEGER NOT NULL REFERENCES instances(id),
  part TEXT NOT NULL CHECK(part IN ('train', 'validation', 'test')), PRIMARY KEY(split_name, instance_id));

CREATE TABLE runs(
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL DEFAULT '', config TEXT NOT NULL,
  status TEXT NOT NULL CHECK(status IN ('pending','running','finished','failed','cancelled','interrupted')),
  seed INTEGER NOT NULL, device TEXT NOT NULL,
  model_id INTEGER REFERENCES models(id), dataset_id INTEGER REFERENCES datasets(id),
  code_version TEXT NOT NULL, library_versions TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  started_at TEXT, finished_at TEXT, elapsed_s REAL NOT NULL DEFAULT 0,
  progress REAL NOT NULL DEFAULT 0, progress_message TEXT NOT NULL DEFAULT '', error TEXT NOT NULL DEFAULT '',
  cancel_requested INTEGER NOT NULL DEFAULT 0, owner_pid INTEGER, owner_host TEXT);
CREATE TRIGGER runs_config_frozen BEFORE UPDATE OF config, kind, seed, model_id, dataset_id ON runs
  WHEN OLD.status = 'finished' BEGIN SELECT RAISE(ABORT, 'the configuration of a finished run is frozen'); END;
CREATE TABLE run_log(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), level TEXT NOT NULL, message TEXT NOT NULL);
CREATE INDEX run_log_by_run ON run_log(run_id, id);
CREATE TABLE metrics(
  run_id INTEGER NOT NULL REFERENCES runs(id), name TEXT NOT NULL, step INTEGER NOT NULL, value REAL,
  PRIMARY KEY(run_id, name, step)) WITHOUT ROWID;
CREATE TABLE checkpoints(
  run_id INTEGER NOT NULL REFERENCES runs(id), name TEXT NOT NULL, data BLOB NOT NULL,
  saved_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), PRIMARY KEY(run_id, name));
CREATE TABLE results(
  run_id INTEGER NOT NULL REFERENCES runs(id), table_name TEXT NOT NULL, row_index INTEGER NOT NULL,
  data TEXT NOT NULL, PRIMARY KEY(run_id, table_name, row_index));

CREATE TABLE graph_specs(
  id INTEGER PRIMARY KEY, model_id INTEGER REFERENCES models(id), spec TEXT NOT NULL,
  edge_count INTEGER NOT NULL CHECK(edge_count >= 0), UNIQUE(spec, edge_count));
CREATE TABLE circuits(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),
  graph_spec_id INTEGER NOT NULL REFERENCES graph_specs(id), name TEXT NOT NULL,
  instance_id INTEGER REFERENCES instances(id), edge_count INTEGER NOT NULL, scores BLOB NOT NULL,
  UNIQUE(run_id, name));
CREATE TABLE distances(
  run_id INTEGER NOT NULL REFERENCES runs(id), circuit_a INTEGER NOT NULL REFERENCES circuits(id),
  circuit_b INTEGER NOT NULL REFERENCES circuits(id), metric TEXT NOT NULL, value REAL NOT NULL,
  PRIMARY KEY(run_id, metric, circuit_a, circuit_b));
CREATE TABLE interference_matrices(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id), name TEXT NOT NULL,
  row_labels TEXT NOT NULL, column_labels TEXT NOT NULL, row_count INTEGER NOT NULL,
  column_count INTEGER NOT NULL, data BLOB NOT NULL, UNIQUE(run_id, name));
CREATE TABLE artifacts(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id), name TEXT NOT NULL,
  mime_type TEXT NOT NULL, data BLOB NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), UNIQUE(run_id, name));
)sql";

// Schema version 2: where a run came from when `redit project merge` or `redit sweep collect` copied it in
// (docs/store.md, "Merging"), and an id of the project itself, so a merge recognises runs it copied before.
constexpr const char* kSchemaV2 = R"sql(
INSERT OR IGNORE INTO project_info(key, value) VALUES ('project_id', lower(hex(randomblob(16))));
CREATE TABLE run_origins(
  run_id INTEGER PRIMARY KEY REFERENCES runs(id), source_project_id TEXT NOT NULL, source_path TEXT NOT NULL,
  source_run_id INTEGER NOT NULL, provenance TEXT NOT NULL,
  merged_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  UNIQUE(source_project_id, source_run_id));
)sql";

}  // namespace

const std::vector<Migration>& schemaMigrations() {
    static const std::vector<Migration> migrations = {
        {1, "create the first schema", [](SQLite::Database& db) { db.exec(kSchemaV1); }},
        {2, "record the origin of merged runs", [](SQLite::Database& db) { db.exec(kSchemaV2); }},
    };
    return migrations;
}

void migrate(SQLite::Database& db, const std::vector<Migration>& migrations) {
    for (const Migration& m : migrations) {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        // Read inside the transaction: another process may have migrated the file meanwhile.
        int current = db.execAndGet("PRAGMA user_version").getInt();
        if (m.toVersion <= current) continue;
        if (m.toVersion != current + 1)
            throw SQLite::Exception("no migration from schema version " + std::to_string(current) + " to " +
                                    std::to_string(m.toVersion - 1));
        m.apply(db);
        db.exec("PRAGMA user_version = " + std::to_string(m.toVersion));
        tx.commit();
    }
}

const std::vector<std::string>& requiredTables() {
    static const std::vector<std::string> tables = {
        "project_info", "models",   "datasets", "patterns",    "instances",   "splits",
        "runs",         "run_log",  "metrics",  "checkpoints", "results",     "graph_specs",
        "circuits",     "distances", "interference_matrices", "artifacts", "run_origins"};
    return tables;
}

}  // namespace redit::store
