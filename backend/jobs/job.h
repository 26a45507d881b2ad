#pragma once
#include <functional>
#include <map>
#include <string>

namespace redit {

class JobContext;

// One progress report of a running job.
struct Progress {
    double fraction = 0;                   // 0..1 of the whole run
    std::string message;
    std::map<std::string, double> metrics;  // recorded as time series at the report's step
};

using ProgressSink = std::function<void(std::int64_t runId, const Progress&)>;

// A stage of the pipeline: a plain C++ job. run() does the work, reporting progress, checking for
// cancellation often (at least once a second) and committing its results with checkpoints through the
// context, so that a resumed run continues from its last checkpoint instead of starting over.
class Job {
public:
    virtual ~Job() = default;
    virtual void run(JobContext& context) = 0;
};

}  // namespace redit
