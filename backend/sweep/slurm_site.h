#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace redit {

// How a site's Slurm wants jobs asked for (docs/cluster.md): a small JSON file (`--site FILE`) whose keys a
// sweep spec's "slurm" object may override for one sweep.
struct SlurmSite {
    std::string partition, account, qos;   // empty: the cluster's default
    int cpusPerTask = 1;                   // also the cell's LibTorch threads
    int gpusPerTask = 1;                   // --gres=gpu:N, for cells whose device is cuda
    int maxParallel = 0;                   // the array's %MAX (0: no limit)
    std::string time = "01:00:00";         // --time when no finished cell gives an estimate
    double timeMargin = 2.0;               // --time = the estimate x this
    double memoryMargin = 1.5;             // --mem = the largest cell estimate x this
    int memoryDefaultMb = 4096;            // --mem when no cell has an estimate
    std::vector<std::string> preamble;     // shell lines before the cell runs (module load, conda activate)
    std::vector<std::string> sbatchOptions;  // further #SBATCH options, e.g. "--constraint=a100"
    std::string redit;                     // the redit program on the nodes (empty: the one that submits)
};

// The site config at `path` (empty: the defaults) with `overrides` (a spec's "slurm" object) applied.
// FileError naming the file (or the spec) and the key for an unknown key or a wrong type.
SlurmSite readSlurmSite(const std::string& path, const nlohmann::json& overrides = nlohmann::json::object(),
                        const std::string& overridesFile = {});

}  // namespace redit
