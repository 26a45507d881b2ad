#pragma once
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>

namespace redit::cli {

// A one-line terminal progress bar with elapsed time and ETA, redrawn at most a few times a second.
// On a non-terminal (a log file) it prints a plain line every 10%, and between those, when the detail has
// changed (a chunk started, finished or moved), at most one line a minute: a long run's log shows it is alive.
// The ETA counts from the first fraction shown, so a resumed job that starts at 40% gets an honest estimate.
class ProgressBar {
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    explicit ProgressBar(std::string label, std::FILE* out = stderr, Clock clock = std::chrono::steady_clock::now);
    void update(double fraction, const std::string& detail = {});
    void finish(const std::string& detail = {});

    static constexpr std::chrono::seconds kLogLineInterval{60};

private:
    std::string label_;
    std::FILE* out_;
    Clock clock_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point lastDraw_;
    bool terminal_;
    int lastDecile_ = -1;
    std::string lastDetail_;
    double firstFraction_ = -1;
};

std::string formatDuration(double seconds);  // "1:05:09", "4:07"

}  // namespace redit::cli
