#include "store/metrics.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "store/project_store.h"
#include "store/transaction.h"

namespace redit {

namespace {

std::vector<MetricPoint> readPoints(SQLite::Statement& s) {
    std::vector<MetricPoint> points;
    while (s.executeStep())
        points.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getString(), s.getColumn(2).getInt64(),
                          s.getColumn(3).getDouble()});
    return points;
}

constexpr const char* kSelect = "SELECT run_id, name, step, value FROM metrics";

}  // namespace

void appendMetric(ProjectStore& store, std::int64_t runId, std::int64_t step, const std::string& name, double value) {
    appendMetrics(store, runId, step, {{name, value}});
}

void appendMetrics(ProjectStore& store, std::int64_t runId, std::int64_t step,
                   const std::map<std::string, double>& values) {
    WriteTransaction tx(store);
    SQLite::Statement s(store.db(), "INSERT OR REPLACE INTO metrics(run_id, name, step, value) VALUES (?, ?, ?, ?)");
    for (const auto& [name, value] : values) {
        s.bind(1, runId);
        s.bind(2, name);
        s.bind(3, step);
        s.bind(4, value);
        s.exec();
        s.reset();
    }
    tx.commit();
}

std::vector<MetricPoint> metricSeries(const ProjectStore& store, std::int64_t runId, const std::string& name) {
    SQLite::Statement s(store.db(), std::string(kSelect) + " WHERE run_id = ? AND name = ? ORDER BY step");
    s.bind(1, runId);
    s.bind(2, name);
    return readPoints(s);
}

std::vector<MetricPoint> runMetrics(const ProjectStore& store, std::int64_t runId) {
    SQLite::Statement s(store.db(), std::string(kSelect) + " WHERE run_id = ? ORDER BY name, step");
    s.bind(1, runId);
    return readPoints(s);
}

std::vector<MetricPoint> allMetrics(const ProjectStore& store) {
    SQLite::Statement s(store.db(), std::string(kSelect) + " ORDER BY run_id, name, step");
    return readPoints(s);
}

std::int64_t lastMetricStep(const ProjectStore& store, std::int64_t runId) {
    SQLite::Statement s(store.db(), "SELECT ifnull(max(step), -1) FROM metrics WHERE run_id = ?");
    s.bind(1, runId);
    s.executeStep();
    return s.getColumn(0).getInt64();
}

}  // namespace redit
