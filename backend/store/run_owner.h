#pragma once
// Who runs a running run, for callers that decide a run's process is gone although this host cannot check
// it (defined in runs.cpp beside markInterruptedRuns).
#include <cstdint>
#include <string>

namespace redit {

class ProjectStore;

// The host whose process runs a running run (empty when none is recorded), and this host's name.
std::string runOwnerHost(const ProjectStore& store, std::int64_t runId);
std::string localHostName();

// Marks a running run of another host as interrupted, for a caller that knows its process is gone (a sweep
// cell's Slurm task that was killed on its node: a cell project has one writer); the log says why.
void takeOverRun(ProjectStore& store, std::int64_t runId, const std::string& reason);

}  // namespace redit
