#include "sweep/local_executor.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "sweep/sweep_spec.h"
#include "util/subprocess.h"

namespace redit {

std::vector<LocalCellOutcome> runCellsLocally(const SweepSpec& spec, const std::vector<int>& cells, int processes,
                                              int threadsPerProcess, bool resume, const std::string& program,
                                              const std::function<void(const std::string&)>& report) {
    const std::filesystem::path logs = std::filesystem::path(spec.folder) / "local";
    std::filesystem::create_directories(logs);
    std::map<pid_t, LocalCellOutcome> running;
    std::vector<LocalCellOutcome> done;
    std::size_t next = 0;
    while (next < cells.size() || !running.empty()) {
        while (next < cells.size() && int(running.size()) < std::max(1, processes)) {
            const int cell = cells[next++];
            LocalCellOutcome outcome{cell, 0, (logs / ("cell-" + std::to_string(cell) + ".log")).string()};
            std::vector<std::string> argv = {program, "sweep", "run-cell", spec.file, "--cell", std::to_string(cell),
                                             "--threads", std::to_string(threadsPerProcess)};
            if (resume) argv.push_back("--resume");
            running[startProcess(argv, outcome.log)] = outcome;
            report("cell " + std::to_string(cell) + " started (log " + outcome.log + ")");
        }
        const auto [pid, code] = waitForAnyProcess();
        auto it = running.find(pid);
        if (it == running.end()) continue;
        it->second.exitCode = code;
        report("cell " + std::to_string(it->second.cell) + (code == 0 ? " done" : " ended with status " + std::to_string(code)));
        done.push_back(it->second);
        running.erase(it);
    }
    std::sort(done.begin(), done.end(), [](const LocalCellOutcome& a, const LocalCellOutcome& b) { return a.cell < b.cell; });
    return done;
}

}  // namespace redit
