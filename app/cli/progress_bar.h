#pragma once
#include <chrono>
#include <string>

namespace redit::cli {

// A one-line terminal progress bar with elapsed time and ETA, redrawn at most a few times a second.
// On a non-terminal (a log file) it prints a plain line every 10%. The ETA counts from the first fraction
// shown, so a resumed job that starts at 40% gets an honest estimate.
class ProgressBar {
public:
    explicit ProgressBar(std::string label);
    void update(double fraction, const std::string& detail = {});
    void finish(const std::string& detail = {});

private:
    std::string label_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point lastDraw_;
    bool terminal_;
    int lastDecile_ = -1;
    double firstFraction_ = -1;
};

std::string formatDuration(double seconds);  // "1:05:09", "4:07"

}  // namespace redit::cli
