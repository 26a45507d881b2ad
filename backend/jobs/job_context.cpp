#include "jobs/job_context.h"

#include "store/checkpoints.h"
#include "store/metrics.h"
#include "store/project_store.h"
#include "store/runs.h"
#include "store/transaction.h"

namespace redit {

namespace {
constexpr auto kCancelPollInterval = std::chrono::milliseconds(200);
}

JobContext::JobContext(ProjectStore& store, std::int64_t runId, nlohmann::json params, std::int64_t seed,
                       std::string device, const CancelToken& token, ProgressSink sink)
    : store_(store), runId_(runId), params_(std::move(params)), seed_(seed), device_(std::move(device)),
      token_(token), sink_(std::move(sink)) {}

void JobContext::report(const Progress& progress, std::int64_t step) {
    {
        WriteTransaction tx(store_);
        setRunProgress(store_, runId_, progress.fraction, progress.message);
        creditRunTime();
        if (!progress.metrics.empty())
            appendMetrics(store_, runId_, step >= 0 ? step : lastMetricStep(store_, runId_) + 1, progress.metrics);
        tx.commit();
    }
    if (sink_) sink_(runId_, progress);
}

void JobContext::creditRunTime() {
    const auto now = std::chrono::steady_clock::now();
    addRunTime(store_, runId_, std::chrono::duration<double>(now - credited_).count());
    credited_ = now;
}

void JobContext::log(const std::string& level, const std::string& message) { appendLog(store_, runId_, level, message); }

bool JobContext::cancelled() {
    if (cancelSeen_ || token_.cancelled()) return cancelSeen_ = true;
    auto now = std::chrono::steady_clock::now();
    if (now - lastPoll_ >= kCancelPollInterval) {
        lastPoll_ = now;
        cancelSeen_ = cancelRequested(store_, runId_);
    }
    return cancelSeen_;
}

void JobContext::checkCancelled() {
    if (cancelled()) throw JobCancelled();
}

void JobContext::commitStep(const std::string& checkpointName, const std::vector<unsigned char>& checkpoint,
                            const std::function<void()>& writeResults) {
    WriteTransaction tx(store_);
    writeResults();
    saveCheckpoint(store_, runId_, checkpointName, checkpoint);
    tx.commit();
}

std::optional<std::vector<unsigned char>> JobContext::loadCheckpoint(const std::string& checkpointName) const {
    return redit::loadCheckpoint(store_, runId_, checkpointName);
}

}  // namespace redit
