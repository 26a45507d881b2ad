#pragma once
// Starting other programs without a shell (no quoting problems): the sweep's local executor starts
// `redit sweep run-cell` processes, its Slurm executor runs sbatch, squeue, sacct and scontrol.
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace redit {

struct CommandOutput {
    int exitCode = -1;      // the program's exit status; 128 + N when signal N ended it
    std::string output;     // its standard output
    std::string errors;     // its standard error
};

// Runs argv[0] (looked up on PATH) to its end, capturing both outputs. Error naming the program when it
// cannot be started (not installed).
CommandOutput runCommand(const std::vector<std::string>& argv);

// Whether a program of that name is on PATH.
bool programOnPath(const std::string& name);

// Starts argv[0] (a path) with stdout and stderr appended to `logFile`; its process id. Error when it
// cannot be started.
pid_t startProcess(const std::vector<std::string>& argv, const std::string& logFile);

// Waits for one of the started processes to end; its id and exit code (128 + N for signal N).
std::pair<pid_t, int> waitForAnyProcess();

// The exit code of a started process that has ended (reaping it), or nullopt while it still runs.
std::optional<int> exitCodeIfEnded(pid_t pid);

// Asks a started process to stop (SIGTERM) and waits for it to end.
void stopProcess(pid_t pid);

// Makes the calling process receive SIGTERM when its parent ends, and ends it now when its parent (`parent`)
// has already ended: a worker process never outlives the process that started it.
void endWithParent(pid_t parent);

// The path of the running executable (/proc/self/exe).
std::string currentExecutable();

}  // namespace redit
