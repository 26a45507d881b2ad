#include "stages/compare_chunk_processes.h"

#include <unistd.h>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
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
};

void stopAll(std::map<pid_t, RunningChunk>& running) {
    for (const auto& [pid, chunk] : running) stopProcess(pid);
    running.clear();
}

std::string progressMessage(std::size_t done, std::size_t total, const std::map<pid_t, RunningChunk>& running) {
    std::string message = std::to_string(done) + " of " + std::to_string(total) + " chunks done";
    if (!running.empty()) message += "; running:";
    for (const auto& [pid, chunk] : running) message += (message.back() == ':' ? " " : ", ") + chunk.name;
    return message;
}

}  // namespace

ChunkFarm chunkProcesses(ChunkProcessOptions options) {
    return [options](JobContext& context, const std::vector<std::string>& chunks) {
        const std::filesystem::path logs = context.store().path() + ".logs";
        std::filesystem::create_directories(logs);
        std::map<pid_t, RunningChunk> running;
        std::size_t next = 0, done = 0;
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
                    context.report({double(done) / double(chunks.size()), progressMessage(done, chunks.size(), running), {}});
                }
                std::this_thread::sleep_for(kPollInterval);
                if (context.cancelled()) {
                    stopAll(running);
                    throw JobCancelled();
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
                    context.report({double(done) / double(chunks.size()), progressMessage(done, chunks.size(), running), {}});
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
    registerPipelineStages(registry, CompareExecution{{}, chunkName});
    const StageInfo& stage = registry.get("compare");
    JobContext context(store, runId, stage.schema.apply(run.config.value("params", nlohmann::json::object())), run.seed,
                       run.device, token, {});
    stage.create()->run(context);
}

}  // namespace redit::stages
