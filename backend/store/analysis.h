#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace redit {

class ProjectStore;

// Distances between circuits and interference matrices between patterns, each produced by a run.
struct CircuitDistance {
    std::int64_t circuitA = 0;
    std::int64_t circuitB = 0;
    std::string metric;  // "jaccard", "wasserstein", ...
    double value = 0;
};

struct InterferenceMatrix {
    std::int64_t id = 0;
    std::int64_t runId = 0;
    std::string name;
    std::vector<std::string> rowLabels;
    std::vector<std::string> columnLabels;
    std::vector<float> values;  // row-major, rowLabels.size() x columnLabels.size()
};

void saveDistances(ProjectStore& store, std::int64_t runId, const std::vector<CircuitDistance>& distances);
std::vector<CircuitDistance> loadDistances(const ProjectStore& store, std::int64_t runId);

// ConfigError when the value count is not rows x columns.
std::int64_t saveInterferenceMatrix(ProjectStore& store, const InterferenceMatrix& matrix);
InterferenceMatrix loadInterferenceMatrix(const ProjectStore& store, std::int64_t matrixId);

}  // namespace redit
