#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace redit {

class StageRegistry;

// One axis of a sweep: a key of the run config, written as a path ("seed", "params.split_seed",
// "params.reshape.rho"), and the values it takes.
struct SweepAxis {
    std::string key;
    std::vector<nlohmann::json> values;
};

// A sweep (docs/cluster.md): one run config and axes of values, expanded into cells (the cartesian
// product; axes in the spec's alphabetical key order, the last varies fastest). Every cell is one run in
// its own project file under `folder`.
struct SweepSpec {
    std::string file;         // the spec file
    std::string name;
    std::string id;           // FNV-1a of the run config and axes: the same sweep has the same id anywhere
    nlohmann::json run;       // the run config as the spec gives it
    std::vector<SweepAxis> axes;
    std::string folder;       // absolute: where the cell projects, scripts and logs go
    nlohmann::json slurm = nlohmann::json::object();  // sbatch settings of this sweep (docs/cluster.md)

    int cellCount() const;
};

struct SweepCell {
    int index = 0;
    nlohmann::json values = nlohmann::json::object();  // axis key -> this cell's value
    nlohmann::json request;  // the cell's run config, checked against its stage; `params.model` made absolute
                             // against the spec's folder
};

// Reads and checks a spec:
//   {"name": "...", "run": {run config}, "axes": {"seed": [0, 1], "params.split_seed": [0, 1, 2]},
//    "folder": "DIR" (default: the spec's name with ".sweep" beside it), "slurm": {...}}
// FileError naming the spec and the field; every cell's config is checked against the stage's schema, and
// an error names the cell and its values.
SweepSpec readSweepSpec(const std::string& path, const StageRegistry& registry);

// Cell `index` (0 .. cellCount - 1); FileError naming the spec for an index out of range.
SweepCell sweepCell(const SweepSpec& spec, int index, const StageRegistry& registry);
std::vector<SweepCell> sweepCells(const SweepSpec& spec, const StageRegistry& registry);

// "params.split_seed=1 seed=0": a cell's values in one line.
std::string cellLabel(const SweepCell& cell);

}  // namespace redit
