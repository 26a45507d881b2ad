#pragma once
// The sweep's side of Slurm: submitting its array scripts, remembering which job runs which cells
// (<folder>/slurm/jobs.json), and asking squeue and sacct how the tasks stand.
#include <map>
#include <string>
#include <vector>

namespace redit {

struct SweepSpec;

struct SlurmSubmission {
    std::string jobId;
    std::string script;
    std::vector<int> cells;
    std::string submittedAt;
};

// Writes the script beside the earlier ones (<folder>/slurm/submit-N.sbatch) and returns its path.
std::string writeSlurmScript(const SweepSpec& spec, const std::string& script);

// Submits the script with `sbatch --parsable` and records the job in jobs.json; the job id. Error with
// sbatch's message when it refuses.
SlurmSubmission submitSlurmScript(const SweepSpec& spec, const std::string& scriptPath, const std::vector<int>& cells);

std::vector<SlurmSubmission> slurmSubmissions(const SweepSpec& spec);

// What Slurm says about one cell's latest task.
struct SlurmTaskState {
    std::string jobId;   // the array task, "123_4"
    std::string state;   // PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, ... ("" when Slurm has forgotten it)
    std::string node;
};

struct SlurmView {
    std::map<int, SlurmTaskState> cells;
    std::vector<std::string> notes;  // e.g. "sacct: ... (no accounting storage)": what could not be asked
};

// squeue (every state it still remembers: queued, running and recently ended tasks), then sacct (when the
// cluster keeps accounting) for those squeue has forgotten; a later submission of a cell supersedes an
// earlier one.
SlurmView querySlurm(const SweepSpec& spec);

}  // namespace redit
