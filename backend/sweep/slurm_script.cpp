#include "sweep/slurm_script.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "sweep/slurm_site.h"
#include "sweep/sweep_estimate.h"
#include "sweep/sweep_spec.h"

namespace redit {

namespace {

// Single quotes for the shell: 'it'\''s'.
std::string quoted(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string slurmTime(double seconds) {
    const long minutes = std::max(1L, long(std::ceil(seconds / 60)));
    char text[32];
    std::snprintf(text, sizeof text, "%02ld:%02ld:00", minutes / 60, minutes % 60);
    return text;
}

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

// A job name Slurm and shells take as it is.
std::string jobName(const std::string& name) {
    std::string out = "redit-";
    for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '-';
    return out;
}

}  // namespace

std::string arrayList(std::vector<int> cells) {
    std::sort(cells.begin(), cells.end());
    cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
    std::string out;
    for (std::size_t i = 0; i < cells.size();) {
        std::size_t j = i;
        while (j + 1 < cells.size() && cells[j + 1] == cells[j] + 1) ++j;
        out += (out.empty() ? "" : ",") + std::to_string(cells[i]) + (j > i ? "-" + std::to_string(cells[j]) : "");
        i = j + 1;
    }
    return out;
}

std::string sbatchScript(const SweepSpec& spec, const std::vector<SweepCell>& cells,
                         const std::vector<CellEstimate>& estimates, const SlurmSite& site, const std::string& redit) {
    std::vector<int> indices;
    bool cuda = false;
    for (const SweepCell& cell : cells) {
        indices.push_back(cell.index);
        cuda = cuda || cell.request.value("device", std::string("cpu")).rfind("cuda", 0) == 0;
    }
    std::int64_t memory = 0;
    double seconds = 0;
    bool memoryKnown = false, timeKnown = false;
    for (const CellEstimate& e : estimates) {
        if (e.memoryBytes) memory = std::max(memory, *e.memoryBytes), memoryKnown = true;
        if (e.seconds) seconds = std::max(seconds, *e.seconds), timeKnown = true;
    }
    const long memoryMb = memoryKnown ? long(std::ceil(double(memory) * site.memoryMargin / (1 << 20))) : site.memoryDefaultMb;
    const std::string logs = (std::filesystem::path(spec.folder) / "slurm" / "logs").string();

    std::ostringstream s;
    s << "#!/bin/bash\n"
      << "# Written by `redit sweep run --slurm` for sweep " << spec.name << " (" << spec.id << "): "
      << cells.size() << " of its " << spec.cellCount() << " cells.\n"
      << "# Each array task runs one cell into its own project file under " << spec.folder << "/cells;\n"
      << "# `redit sweep collect` merges the finished ones (docs/cluster.md). Edit and submit it with sbatch.\n"
      << "#SBATCH --job-name=" << jobName(spec.name) << '\n'
      << "#SBATCH --array=" << arrayList(indices) << (site.maxParallel > 0 ? "%" + std::to_string(site.maxParallel) : "") << '\n'
      << "#SBATCH --ntasks=1\n"
      << "#SBATCH --cpus-per-task=" << site.cpusPerTask << '\n'
      << "#SBATCH --mem=" << memoryMb << "M"
      << (memoryKnown ? "  # largest cell estimate x " : "  # no cell estimate: the site's memory_default_mb")
      << (memoryKnown ? number(site.memoryMargin) : "") << '\n'
      << "#SBATCH --time=" << (timeKnown ? slurmTime(seconds * site.timeMargin) : site.time)
      << (timeKnown ? "  # longest finished cell x time_margin" : "  # the site's time: no cell has finished yet") << '\n';
    if (cuda) s << "#SBATCH --gres=gpu:" << site.gpusPerTask << '\n';
    if (!site.partition.empty()) s << "#SBATCH --partition=" << site.partition << '\n';
    if (!site.account.empty()) s << "#SBATCH --account=" << site.account << '\n';
    if (!site.qos.empty()) s << "#SBATCH --qos=" << site.qos << '\n';
    for (const std::string& option : site.sbatchOptions) s << "#SBATCH " << option << '\n';
    s << "#SBATCH --output=" << logs << "/%A_%a.out\n"
      << "set -euo pipefail\n";
    for (const std::string& line : site.preamble) s << line << '\n';
    // exec: the cell's process gets Slurm's SIGTERM (scancel, preemption, the time limit) and stops at its
    // next checkpoint as a cancelled run, which the next submission's --resume continues.
    s << "exec " << quoted(redit) << " sweep run-cell " << quoted(std::filesystem::absolute(spec.file).string())
      << " --cell \"$SLURM_ARRAY_TASK_ID\" --threads \"${SLURM_CPUS_PER_TASK:-1}\" --resume\n";
    return s.str();
}

}  // namespace redit
