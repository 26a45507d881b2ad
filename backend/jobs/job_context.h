#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "jobs/cancel_token.h"
#include "jobs/job.h"

namespace redit {

class ProjectStore;

// What a running job sees: its run's configuration, the project, progress, cancellation and checkpoints.
class JobContext {
public:
    JobContext(ProjectStore& store, std::int64_t runId, nlohmann::json params, std::int64_t seed, std::string device,
               const CancelToken& token, ProgressSink sink);

    std::int64_t runId() const { return runId_; }
    const nlohmann::json& params() const { return params_; }  // validated, defaults filled
    std::int64_t seed() const { return seed_; }
    const std::string& device() const { return device_; }
    ProjectStore& store() { return store_; }

    // Records progress on the run (and its metrics at `step`, or at the step after the last one recorded
    // when step is negative), then tells the sink.
    void report(const Progress& progress, std::int64_t step = -1);
    void log(const std::string& level, const std::string& message);

    // True once cancellation was asked for, here (the token) or from another process (the run's flag in
    // the project, polled at most every 200 ms).
    bool cancelled();
    void checkCancelled();  // throws JobCancelled when cancelled()

    // Runs writeResults and saves the checkpoint in one transaction: either both are committed or neither.
    void commitStep(const std::string& checkpointName, const std::vector<unsigned char>& checkpoint,
                    const std::function<void()>& writeResults);
    std::optional<std::vector<unsigned char>> loadCheckpoint(const std::string& checkpointName) const;

    // Adds the time since the last such call (or since construction) to the run's elapsed time; the caller
    // holds a write transaction. Every report does it, so a killed attempt keeps the time it ran up to its
    // last report instead of losing all of it.
    void creditRunTime();

private:
    ProjectStore& store_;
    std::int64_t runId_;
    nlohmann::json params_;
    std::int64_t seed_;
    std::string device_;
    const CancelToken& token_;
    ProgressSink sink_;
    bool cancelSeen_ = false;
    std::chrono::steady_clock::time_point lastPoll_{};
    std::chrono::steady_clock::time_point credited_ = std::chrono::steady_clock::now();
};

}  // namespace redit
