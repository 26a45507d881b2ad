#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace redit {

class ProjectStore;

struct MetricPoint {
    std::int64_t runId = 0;
    std::string name;
    std::int64_t step = 0;
    double value = 0;
};

// Metrics are time series keyed by (run, name, step); writing a step again replaces it, so a resumed run
// that repeats a step does not duplicate points.
void appendMetric(ProjectStore& store, std::int64_t runId, std::int64_t step, const std::string& name, double value);
void appendMetrics(ProjectStore& store, std::int64_t runId, std::int64_t step,
                   const std::map<std::string, double>& values);  // one transaction

std::vector<MetricPoint> metricSeries(const ProjectStore& store, std::int64_t runId, const std::string& name);
std::vector<MetricPoint> runMetrics(const ProjectStore& store, std::int64_t runId);  // every name, by name and step
std::vector<MetricPoint> allMetrics(const ProjectStore& store);
std::int64_t lastMetricStep(const ProjectStore& store, std::int64_t runId);  // -1 when the run has none

}  // namespace redit
