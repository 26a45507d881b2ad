#include "cli/progress_bar.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace redit::cli {

std::string formatDuration(double seconds) {
    long s = std::max(0L, static_cast<long>(seconds + 0.5));
    char buf[32];
    if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

ProgressBar::ProgressBar(std::string label, std::FILE* out, Clock clock)
    : label_(std::move(label)), out_(out), clock_(std::move(clock)), start_(clock_()),
      terminal_(::isatty(::fileno(out_)) != 0) {}

void ProgressBar::update(double fraction, const std::string& detail) {
    using namespace std::chrono;
    fraction = std::clamp(fraction, 0.0, 1.0);
    const auto now = clock_();
    const double elapsed = duration<double>(now - start_).count();
    if (firstFraction_ < 0) firstFraction_ = fraction;
    const double gained = fraction - firstFraction_;
    const std::string eta = gained > 0 ? formatDuration(elapsed / gained * (1.0 - fraction)) : "?";
    if (terminal_) {
        if (now - lastDraw_ < milliseconds(200) && fraction < 1.0) return;
        lastDraw_ = now;
        const int width = 30, filled = static_cast<int>(fraction * width);
        std::string bar = std::string(size_t(filled), '#') + std::string(size_t(width - filled), '-');
        std::fprintf(out_, "\r%s [%s] %5.1f%%  %s elapsed, ETA %s  %s\033[K", label_.c_str(), bar.c_str(),
                     100 * fraction, formatDuration(elapsed).c_str(), eta.c_str(), detail.c_str());
        std::fflush(out_);
    } else {
        const int decile = static_cast<int>(fraction * 10);
        const bool heartbeat = detail != lastDetail_ && now - lastDraw_ >= kLogLineInterval;
        if (decile == lastDecile_ && !heartbeat) return;
        lastDecile_ = decile;
        lastDetail_ = detail;
        lastDraw_ = now;
        std::fprintf(out_, "%s %3.0f%%  %s elapsed, ETA %s  %s\n", label_.c_str(), 100 * fraction,
                     formatDuration(elapsed).c_str(), eta.c_str(), detail.c_str());
        std::fflush(out_);
    }
}

void ProgressBar::finish(const std::string& detail) {
    update(1.0, detail);
    if (terminal_) std::fprintf(out_, "\n");
}

}  // namespace redit::cli
