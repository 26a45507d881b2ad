#pragma once
// What the decoder benchmarks share: the options that shape a random model and batch, and median timing.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <ctime>
#include <functional>
#include <vector>

#include "model/model_config.h"

namespace redit::bench {

struct ModelShapeOptions {
    ModelConfig config;
    int64_t batch = 8;
    int64_t length = 128;
    int threads = 0;
    int repeats = 5;
};

// Adds --vocab --hidden --intermediate --layers --heads --kv-heads --batch --length --threads --repeats.
// Call finish() after parsing to derive the head dimension.
inline void addModelShapeOptions(CLI::App& app, ModelShapeOptions& o) {
    app.add_option("--vocab", o.config.vocabSize);
    app.add_option("--hidden", o.config.hiddenSize);
    app.add_option("--intermediate", o.config.intermediateSize);
    app.add_option("--layers", o.config.numLayers);
    app.add_option("--heads", o.config.numHeads);
    app.add_option("--kv-heads", o.config.numKeyValueHeads);
    app.add_option("--batch", o.batch);
    app.add_option("--length", o.length);
    app.add_option("--threads", o.threads, "0 = all cores");
    app.add_option("--repeats", o.repeats);
}

inline void finish(ModelShapeOptions& o) { o.config.headDim = o.config.hiddenSize / o.config.numHeads; }

// A Qwen2-layout configuration with the given sizes (the benchmarks' defaults).
inline ModelConfig qwen2Shape(int64_t vocab, int64_t hidden, int64_t intermediate, int64_t layers, int64_t heads,
                              int64_t kvHeads) {
    ModelConfig c;
    c.modelType = "qwen2";
    c.attentionBias = true;
    c.vocabSize = vocab;
    c.hiddenSize = hidden;
    c.intermediateSize = intermediate;
    c.numLayers = layers;
    c.numHeads = heads;
    c.numKeyValueHeads = kvHeads;
    c.maxPositions = 4096;
    c.ropeTheta = 1e6;
    return c;
}

// Median wall time of `repeats` calls after one warm-up call.
template <typename Fn>
double medianSeconds(int repeats, Fn fn) {
    fn();
    std::vector<double> seconds;
    for (int i = 0; i < repeats; ++i) {
        const auto start = std::chrono::steady_clock::now();
        fn();
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(seconds.begin(), seconds.end());
    return seconds[seconds.size() / 2];
}

// Median wall time and median CPU time of the whole process (all threads) of each of `fns`, called in turn
// `repeats` times after one warm-up round: on a shared machine the turns see the same load, and the CPU time
// measures the work done whatever else competes for the cores.
struct Timing {
    double wall = 0, cpu = 0;
};

inline std::vector<Timing> interleavedMedians(int repeats, const std::vector<std::function<void()>>& fns) {
    auto cpuNow = [] {
        timespec t{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
        return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
    };
    for (const auto& fn : fns) fn();
    std::vector<std::vector<double>> wall(fns.size()), cpu(fns.size());
    for (int i = 0; i < repeats; ++i)
        for (size_t f = 0; f < fns.size(); ++f) {
            const auto start = std::chrono::steady_clock::now();
            const double cpuStart = cpuNow();
            fns[f]();
            cpu[f].push_back(cpuNow() - cpuStart);
            wall[f].push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        }
    std::vector<Timing> medians;
    for (size_t f = 0; f < fns.size(); ++f) {
        std::sort(wall[f].begin(), wall[f].end());
        std::sort(cpu[f].begin(), cpu[f].end());
        medians.push_back({wall[f][wall[f].size() / 2], cpu[f][cpu[f].size() / 2]});
    }
    return medians;
}

}  // namespace redit::bench
