#include "stages/compare_chunk_processes.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>

#include "jobs/cancel_token.h"
#include "jobs/job_context.h"
#include "stages/pipeline_stages.h"
#include "store/project_store.h"
#include "store/runs.h"
#include "util/error.h"
#include "util/exit_status.h"
#include "util/subprocess.h"

namespace redit::stages {

namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(100);
constexpr int kPollsPerProgressRead = 10;  // a running chunk's progress is read from its output once a second

// A child's progress line in its output: "chunk progress 0.5" (the fraction of its patterns edited).
const std::string kProgressTag = "chunk progress ";

void printChunkProgress(double fraction) {
    std::cout << kProgressTag << fraction << std::endl;  // flushed: the parent reads it while the child runs
}

// "level 1 seed 0 REdit w/o meta-learning" -> "level-1-seed-0-REdit-w-o-meta-learning"
std::string fileNameOf(const std::string& chunk) {
    std::string name;
    for (char c : chunk) {
        const bool plain = std::isalnum(static_cast<unsigned char>(c)) != 0;
        if (plain) name += c;
        else if (!name.empty() && name.back() != '-') name += '-';
    }
    return name;
}

// The last non-empty line of a child's output: its error message when it failed.
std::string lastLineOf(const std::string& log) {
    std::ifstream in(log);
    std::string line, last;
    while (std::getline(in, line))
        if (!line.empty()) last = line;
    const std::string prefix = "error: ";
    if (last.rfind(prefix, 0) == 0) last.erase(0, prefix.size());
    return last.empty() ? "its process ended with status " + std::to_string(kExitInputError) : last;
}

struct RunningChunk {
    std::string name;
    std::string log;
    double fraction = 0;  // its last progress line's
};

// The fraction in the last progress line of a child's output (its last few hundred bytes), or `fallback`.
double lastProgressIn(const std::string& log, double fallback) {
    std::ifstream in(log, std::ios::binary | std::ios::ate);
    const std::streamoff size = in.tellg();
    if (!in || size <= 0) return fallback;
    const std::streamoff tail = std::min<std::streamoff>(size, 512);
    std::string text(std::size_t(tail), '\0');
    in.seekg(size - tail);
    in.read(text.data(), tail);
    const std::size_t at = text.rfind(kProgressTag);
    if (at == std::string::npos) return fallback;
    try {
        return std::clamp(std::stod(text.substr(at + kProgressTag.size())), 0.0, 1.0);
    } catch (const std::exception&) {  // a line still being written
        return fallback;
    }
}

void stopAll(std::map<pid_t, RunningChunk>& running) {
    for (const auto& [pid, chunk] : running) stopProcess(pid);
    running.clear();
}

// "1 of 4 chunks done; running: level 2 seed 0 ROME (50%), level 2 seed 0 AlphaEdit (0%)", and the run's
// fraction counting the running chunks' parts.
Progress farmProgress(std::size_t done, std::size_t total, const std::map<pid_t, RunningChunk>& running) {
    std::string message = std::to_string(done) + " of " + std::to_string(total) + " chunks done";
    if (!running.empty()) message += "; running:";
    double chunks = double(done);
    for (const auto& [pid, chunk] : running) {
        message += (message.back() == ':' ? " " : ", ") + chunk.name + " (" +
                   std::to_string(int(std::lround(100 * chunk.fraction))) + "%)";
        chunks += chunk.fraction;
    }
    return {chunks / double(total), message, {}};
}

}  // namespace

ChunkFarm chunkProcesses(ChunkProcessOptions options) {
    return [options](JobContext& context, const std::vector<std::string>& chunks) {
        const std::filesystem::path logs = context.store().path() + ".logs";
        std::filesystem::create_directories(logs);
        std::map<pid_t, RunningChunk> running;
        std::size_t next = 0, done = 0;
        int polls = 0;
        try {
            while (next < chunks.size() || !running.empty()) {
                while (next < chunks.size() && int(running.size()) < std::max(1, options.processes)) {
                    const std::string& chunk = chunks[next++];
                    const std::string log = (logs / ("run-" + std::to_string(context.runId()) + "-" + fileNameOf(chunk) + ".log")).string();
                    std::filesystem::remove(log);
                    const pid_t pid = startProcess({options.program, "compare-chunk", "--project", context.store().path(),
                                                    "--run", std::to_string(context.runId()), "--chunk", chunk, "--threads",
                                                    std::to_string(options.threadsPerProcess), "--parent",
                                                    std::to_string(getpid())},
                                                   log);
                    running[pid] = {chunk, log};
                    context.report(farmProgress(done, chunks.size(), running));
                }
                std::this_thread::sleep_for(kPollInterval);
                if (context.cancelled()) {
                    stopAll(running);
                    throw JobCancelled();
                }
                if (++polls % kPollsPerProgressRead == 0) {
                    bool moved = false;
                    for (auto& [pid, chunk] : running) {
                        const double fraction = lastProgressIn(chunk.log, chunk.fraction);
                        moved = moved || fraction != chunk.fraction;
                        chunk.fraction = fraction;
                    }
                    if (moved) context.report(farmProgress(done, chunks.size(), running));
                }
                for (auto it = running.begin(); it != running.end();) {
                    const std::optional<int> code = exitCodeIfEnded(it->first);
                    if (!code) {
                        ++it;
                        continue;
                    }
                    if (*code == 0) {
                        std::filesystem::remove(it->second.log);
                    } else if (*code == kExitInputError) {
                        // The chunk's own inputs are wrong (a config, data or file error): the job would fail
                        // on them too, after repeating the loading, so the run fails now with the child's words.
                        throw Error(it->second.name + ": " + lastLineOf(it->second.log) + " (output in " +
                                    it->second.log + ")");
                    } else {
                        context.log("warning", it->second.name + ": its process ended with status " + std::to_string(*code) +
                                                   " (output in " + it->second.log + "); the run does it itself");
                    }
                    ++done;
                    it = running.erase(it);
                    context.report(farmProgress(done, chunks.size(), running));
                }
            }
        } catch (...) {
            stopAll(running);
            throw;
        }
        std::error_code ec;
        std::filesystem::remove(logs, ec);  // only when empty: failed chunks keep their output
    };
}

ChunkFarm chunkProcessesAsConfigured(std::function<ChunkProcessOptions()> current) {
    return [current = std::move(current)](JobContext& context, const std::vector<std::string>& chunks) {
        const ChunkProcessOptions options = current();
        if (options.processes > 1) chunkProcesses(options)(context, chunks);
    };
}

void runCompareChunk(ProjectStore& store, std::int64_t runId, const std::string& chunkName, const CancelToken& token) {
    const RunRecord run = loadRun(store, runId);
    if (run.kind != "compare")
        throw ConfigError("run " + std::to_string(runId) + " is a " + run.kind + " run, not a compare run");
    StageRegistry registry;
    registerPipelineStages(registry, CompareExecution{{}, chunkName, printChunkProgress});
    const StageInfo& stage = registry.get("compare");
    JobContext context(store, runId, stage.schema.apply(run.config.value("params", nlohmann::json::object())), run.seed,
                       run.device, token, {});
    stage.create()->run(context);
}

}  // namespace redit::stages
