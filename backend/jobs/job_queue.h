#pragma once
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "jobs/cancel_token.h"
#include "jobs/job.h"
#include "store/run_status.h"

namespace redit {

class StageRegistry;

// Runs queued runs of one project, one at a time, on a worker thread with its own connection to the
// project; the others wait in order. Callbacks are called on the worker thread (a GUI forwards them to its
// own thread).
class JobQueue {
public:
    struct Callbacks {
        // pending (queued), running, then finished / failed / cancelled; error is set for failed runs.
        std::function<void(std::int64_t runId, RunStatus status, const std::string& error)> stateChanged;
        ProgressSink progress;
    };

    JobQueue(std::string projectPath, const StageRegistry& registry, Callbacks callbacks);
    // Cancels the running job, leaves waiting runs pending in the project, and joins the worker.
    ~JobQueue();
    JobQueue(const JobQueue&) = delete;
    JobQueue& operator=(const JobQueue&) = delete;

    void enqueue(std::int64_t runId);
    // A waiting run is taken out of the queue and marked cancelled; the running one is asked to stop.
    void cancel(std::int64_t runId);
    // Blocks until no run is waiting or running.
    void waitUntilIdle();

private:
    void work();
    void runOne(std::int64_t runId);
    void notify(std::int64_t runId, RunStatus status, const std::string& error = {});

    std::string path_;
    const StageRegistry& registry_;
    Callbacks callbacks_;

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::int64_t> waiting_;
    std::optional<std::int64_t> running_;
    std::unique_ptr<CancelToken> token_;  // of the running job
    bool stopping_ = false;
    std::thread worker_;
};

}  // namespace redit
