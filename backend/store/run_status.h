#pragma once
#include <string>

namespace redit {

// Life cycle of a run: pending -> running -> finished | failed | cancelled. A run whose process died while
// running becomes interrupted the next time the project is opened for writing; interrupted, failed and
// cancelled runs can be resumed (running again from their last checkpoint).
enum class RunStatus { Pending, Running, Finished, Failed, Cancelled, Interrupted };

const char* toString(RunStatus status);
RunStatus parseRunStatus(const std::string& text);  // Error for an unknown name
bool isResumable(RunStatus status);

}  // namespace redit
