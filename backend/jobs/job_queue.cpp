#include "jobs/job_queue.h"

#include <algorithm>

#include "jobs/job_runner.h"
#include "store/project_store.h"
#include "store/runs.h"

namespace redit {

JobQueue::JobQueue(std::string projectPath, const StageRegistry& registry, Callbacks callbacks)
    : path_(std::move(projectPath)), registry_(registry), callbacks_(std::move(callbacks)),
      worker_([this] { work(); }) {}

JobQueue::~JobQueue() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        if (token_) token_->cancel();
    }
    changed_.notify_all();
    worker_.join();
}

void JobQueue::enqueue(std::int64_t runId) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        waiting_.push_back(runId);
    }
    notify(runId, RunStatus::Pending);
    changed_.notify_all();
}

void JobQueue::cancel(std::int64_t runId) {
    bool wasWaiting = false;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (running_ == runId && token_) token_->cancel();
        auto it = std::find(waiting_.begin(), waiting_.end(), runId);
        if (it != waiting_.end()) {
            waiting_.erase(it);
            wasWaiting = true;
        }
    }
    if (wasWaiting) {
        ProjectStore store = ProjectStore::open(path_);
        requestCancel(store, runId);
        notify(runId, RunStatus::Cancelled);
        changed_.notify_all();
    }
}

void JobQueue::waitUntilIdle() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return waiting_.empty() && !running_; });
}

void JobQueue::work() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
        changed_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
        if (stopping_) return;
        std::int64_t runId = waiting_.front();
        waiting_.pop_front();
        running_ = runId;
        token_ = std::make_unique<CancelToken>();
        lock.unlock();
        runOne(runId);
        lock.lock();
        running_.reset();
        token_.reset();
        changed_.notify_all();
    }
}

void JobQueue::runOne(std::int64_t runId) {
    try {
        ProjectStore store = ProjectStore::open(path_);
        notify(runId, RunStatus::Running);
        RunStatus outcome = executeRun(store, registry_, runId, *token_, callbacks_.progress);
        notify(runId, outcome, outcome == RunStatus::Failed ? loadRun(store, runId).error : std::string());
    } catch (const std::exception& e) {
        // The run could not start (no stage for its kind, project unreadable): a pending run is marked failed
        // so that it does not wait forever; a run in any other state is left as it is.
        try {
            ProjectStore store = ProjectStore::open(path_);
            if (loadRun(store, runId).status == RunStatus::Pending) setRunStatus(store, runId, RunStatus::Failed, e.what());
        } catch (const std::exception&) {
            // The project itself is unusable; the callback below still reports the first error.
        }
        notify(runId, RunStatus::Failed, e.what());
    }
}

void JobQueue::notify(std::int64_t runId, RunStatus status, const std::string& error) {
    if (callbacks_.stateChanged) callbacks_.stateChanged(runId, status, error);
}

}  // namespace redit
