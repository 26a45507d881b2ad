// Times saving and loading a Qwen2.5-3B-sized circuit (528,000 float32 edge scores) in a project file.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "store/circuits.h"
#include "store/project_store.h"
#include "store/runs.h"

namespace {

double medianMs(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main() {
    using Clock = std::chrono::steady_clock;
    constexpr std::int64_t kEdges = 528000;
    constexpr int kRepeats = 9;

    std::string path = (std::filesystem::temp_directory_path() / "bench_store.redit").string();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    redit::ProjectStore store = redit::ProjectStore::create(path);
    std::int64_t run = redit::createRun(store, {"circuits", "bench", {}, 0, "cpu", {}, {}, {}});
    std::int64_t spec = redit::addGraphSpec(store, {{"model", "qwen2.5-3b"}}, kEdges);

    redit::StoredCircuit circuit;
    circuit.runId = run;
    circuit.graphSpecId = spec;
    std::mt19937 rng(1);
    std::normal_distribution<float> normal(0.0f, 1e-3f);
    for (std::int64_t i = 0; i < kEdges; ++i) circuit.scores.push_back(normal(rng));

    std::vector<double> save, load;
    std::vector<std::int64_t> ids;
    for (int i = 0; i < kRepeats; ++i) {
        circuit.name = "c" + std::to_string(i);
        auto t0 = Clock::now();
        ids.push_back(redit::saveCircuit(store, circuit));
        save.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    for (std::int64_t id : ids) {
        auto t0 = Clock::now();
        redit::StoredCircuit back = redit::loadCircuit(store, id);
        load.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (back.scores != circuit.scores) {
            std::fprintf(stderr, "round trip changed the scores\n");
            return 1;
        }
    }
    std::printf("circuit of %lld float32 edges (%.2f MB), median of %d runs:\n", (long long)kEdges,
                kEdges * 4 / 1e6, kRepeats);
    std::printf("  save: %.2f ms\n  load: %.2f ms\n", medianMs(save), medianMs(load));
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    return 0;
}
