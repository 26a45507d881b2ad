#pragma once
// What the decoder benchmarks share: the options that shape a random model and batch, and median timing.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
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

}  // namespace redit::bench
