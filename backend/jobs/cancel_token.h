#pragma once
#include <atomic>

#include "util/error.h"

namespace redit {

// Cooperative cancellation: whoever wants a job to stop calls cancel(); the job checks (through
// JobContext::checkCancelled) and stops at the next check.
class CancelToken {
public:
    void cancel() { cancelled_.store(true); }
    bool cancelled() const { return cancelled_.load(); }

private:
    std::atomic<bool> cancelled_{false};
};

// Thrown by JobContext::checkCancelled; the runner records the run as cancelled.
class JobCancelled : public Error {
public:
    JobCancelled() : Error("the run was cancelled") {}
};

}  // namespace redit
