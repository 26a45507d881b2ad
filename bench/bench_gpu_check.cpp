// The device check of bench/gpu-check.sh (docs/performance.md "LibTorch 2.x and CUDA"): on a random
// Qwen2.5-3B-shaped model (36 layers, hidden 2048, 16 query / 2 key-value heads) in bf16 on a GPU, or on a
// small shape on the CPU, times one of: EAP over a batch of clean/corrupted pairs (and one forward+backward for
// scale), a LoRA edit, or one REdit meta-iteration on the level-1 synthetic patterns (logic-tiny's tokenizer,
// the last layers trained). One step per process, so that the script can read each step's peak GPU memory;
// prints one Markdown table row, and the CPU's peak resident memory.
#include <chrono>
#include <cstdio>
#include <random>
#include <string>

#include "bench_common.h"
#include "circuits/eap.h"
#include "circuits/graph.h"
#include "data/dataset_spec.h"
#include "edit/lora_edit.h"
#include "model/decoder.h"
#include "model/model_folder.h"
#include "reshape/reshape_patterns.h"
#include "stages/run_model.h"
#include "util/runtime_env.h"
#include "util/process_memory.h"
#include "util/torch_runtime.h"

namespace {

redit::ModelConfig shapeNamed(const std::string& name) {
    if (name == "qwen2.5-3b") {
        redit::ModelConfig c = redit::bench::qwen2Shape(151936, 2048, 11008, 36, 16, 2);
        c.tieWordEmbeddings = true;
        c.maxPositions = 4096;
        return c;
    }
    return redit::bench::qwen2Shape(2000, 128, 384, 4, 4, 2);  // "small": the CPU run of the script
}

// Waits for the device's queued kernels (CUDA runs them asynchronously): a copy to the host waits for the
// stream, and needs no CUDA header.
void synchronize(const at::Device& device) {
    if (device.is_cuda()) at::zeros({1}, at::TensorOptions().device(device)).cpu();
}

// Seconds of `fn`, the device synchronised before and after.
template <typename Fn>
double timed(const at::Device& device, Fn fn) {
    synchronize(device);
    const auto start = std::chrono::steady_clock::now();
    fn();
    synchronize(device);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    redit::ensureRuntimeEnvironment(argv);
    CLI::App app{"One step of the GPU check: EAP, a LoRA edit or a reshape meta-iteration"};
    std::string step = "eap", shape = "small", deviceName = "cpu", dtypeName = "fp32";
    std::string tokenizerFolder = std::string(REDIT_SOURCE_DIR) + "/resources/models/logic-tiny";
    int64_t pairs = 8, length = 64, loraSteps = 5, trainedLayers = 4;
    int threads = 0;
    app.add_option("--step", step)->check(CLI::IsMember({"eap", "lora", "reshape"}));
    app.add_option("--shape", shape)->check(CLI::IsMember({"qwen2.5-3b", "small"}));
    app.add_option("--device", deviceName, "cpu, cuda or cuda:N");
    app.add_option("--dtype", dtypeName)->check(CLI::IsMember({"fp32", "bf16"}));
    app.add_option("--pairs", pairs, "EAP pairs and LoRA revision prompts");
    app.add_option("--length", length, "tokens per EAP pair and LoRA prompt");
    app.add_option("--lora-steps", loraSteps);
    app.add_option("--trained-layers", trainedLayers, "reshape: the last N layers are trained");
    app.add_option("--threads", threads, "0 = all cores");
    CLI11_PARSE(app, argc, argv);
    redit::configureThreads(threads);

    const at::Device device = redit::runDevice(deviceName);
    const at::ScalarType dtype = dtypeName == "bf16" ? at::kBFloat16 : at::kFloat;
    redit::ModelConfig c = shapeNamed(shape);
    c.headDim = c.hiddenSize / c.numHeads;
    redit::DecoderModel model(c, redit::randomDecoderWeights(c, 1, 0.02, dtype));
    model.to(device, dtype);
    std::printf("| %s | %.1fM | %s %s | %s |", shape.c_str(), double(c.parameterCount()) / 1e6,
                deviceName.c_str(), dtypeName.c_str(), step.c_str());

    std::mt19937_64 rng(7);
    std::uniform_int_distribution<int32_t> token(10, int32_t(std::min<int64_t>(c.vocabSize, 2000)) - 1);
    if (step == "eap") {
        at::Tensor clean = at::randint(10, std::min<int64_t>(c.vocabSize, 2000), {pairs, length}, at::kLong);
        at::Tensor corrupted = clean.clone();
        corrupted.select(1, length / 2).random_(10, std::min<int64_t>(c.vocabSize, 2000));
        at::Tensor mask = at::ones({pairs, length}, at::kLong);
        redit::EapBatch eap{{clean, mask}, {corrupted, mask}, std::vector<int64_t>(size_t(pairs), 3),
                            std::vector<int64_t>(size_t(pairs), 4)};
        // Medians of 3 after a warm-up (kernels, the allocator's pools).
        const double eapSeconds = redit::bench::medianSeconds(3, [&] { timed(device, [&] { redit::computeEapScores(model, eap); }); });
        std::vector<at::Tensor> params = model.parameters();
        const double forwardBackward = redit::bench::medianSeconds(3, [&] { timed(device, [&] {
            for (auto& p : params) p.set_requires_grad(true);
            model.forward(clean.to(device), mask.to(device), {}, false, redit::LogitPositions::Last)
                .logits.select(2, 3).sum().backward();
            for (auto& p : params) {
                p.mutable_grad() = at::Tensor();
                p.set_requires_grad(false);
            }
        }); });
        const redit::CircuitGraph graph(redit::GraphShape::of(c));
        std::printf(" %lld pairs x %lld tokens, %lld edges | %.3f s | %.2f x forward+backward (%.3f s) |",
                    static_cast<long long>(pairs), static_cast<long long>(length),
                    static_cast<long long>(graph.edgeCount()), eapSeconds, eapSeconds / forwardBackward, forwardBackward);
    } else if (step == "lora") {
        std::vector<redit::AnswerExample> revision;
        for (int64_t i = 0; i < pairs; ++i) {
            redit::AnswerExample example;
            for (int64_t t = 0; t < length; ++t) example.prompt.push_back(token(rng));
            example.answer = token(rng);
            revision.push_back(std::move(example));
        }
        redit::LoraEditOptions options;
        options.steps = loraSteps;
        options.learningRate = 1e-3;
        redit::LoraEditResult result;
        const double seconds = timed(device, [&] { result = redit::loraEdit(model, revision, options); });
        std::printf(" %lld prompts x %lld tokens, rank %lld on q/v, %lld steps | %.3f s | %.3f s per step, loss %.3f -> %.3f |",
                    static_cast<long long>(pairs), static_cast<long long>(length),
                    static_cast<long long>(options.lora.rank), static_cast<long long>(result.steps), seconds,
                    seconds / double(std::max<int64_t>(1, result.steps)), result.initialLoss, result.finalLoss);
    } else {
        // Real prompts, for the attribution vectors and the preservation KL: logic-tiny's tokenizer and data.
        const redit::LoadedModel tiny = redit::loadModelFolder(tokenizerFolder);
        const std::vector<redit::data::Pattern> patterns = redit::data::loadDataset("synthetic:deductive:level1");
        redit::ReshapeOptions options;
        options.metaIterations = 1;
        options.tasksPerIteration = 1;
        options.anchorsPerTask = 2;
        options.negativesPerAnchor = 2;
        options.attributionChunk = 2;
        options.preserveBatchSize = 8;
        options.predictionPreservation = false;  // a random model answers nothing right to preserve
        for (int64_t l = std::max<int64_t>(0, c.numLayers - trainedLayers); l < c.numLayers; ++l)
            options.trainable.push_back("layers." + std::to_string(l) + ".");
        std::string estimate;
        // The reshaper's set-up and one meta-iteration; not the answer-position check a pipeline adds after it.
        const double seconds = timed(device, [&] {
            redit::CircuitReshaper reshaper(
                model, redit::frozenCopy(model),
                redit::pipeline::reshapeDataFor(tiny.tokenizer, patterns, redit::data::SplitOptions{}, options.seed, 0),
                options);
            estimate = redit::describeReshapeEstimate(reshaper, model, options);
            reshaper.metaStep();
        });
        std::printf(" 1 task of 2 anchors x 2 negatives, last %lld layers trained | %.3f s | %s |",
                    static_cast<long long>(trainedLayers), seconds, estimate.c_str());
    }
    std::printf(" %.0f MiB |\n", double(redit::peakResidentBytes()) / (1024.0 * 1024.0));
    return 0;
}
