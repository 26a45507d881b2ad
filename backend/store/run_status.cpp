#include "store/run_status.h"

#include "util/error.h"

namespace redit {

namespace {
constexpr RunStatus kAll[] = {RunStatus::Pending,   RunStatus::Running,   RunStatus::Finished,
                              RunStatus::Failed,    RunStatus::Cancelled, RunStatus::Interrupted};
}

const char* toString(RunStatus status) {
    switch (status) {
        case RunStatus::Pending: return "pending";
        case RunStatus::Running: return "running";
        case RunStatus::Finished: return "finished";
        case RunStatus::Failed: return "failed";
        case RunStatus::Cancelled: return "cancelled";
        case RunStatus::Interrupted: return "interrupted";
    }
    return "unknown";
}

RunStatus parseRunStatus(const std::string& text) {
    for (RunStatus s : kAll)
        if (text == toString(s)) return s;
    throw Error("unknown run status '" + text + "'");
}

bool isResumable(RunStatus status) {
    return status == RunStatus::Interrupted || status == RunStatus::Failed || status == RunStatus::Cancelled;
}

}  // namespace redit
