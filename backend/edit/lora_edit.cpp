#include "edit/lora_edit.h"

#include <ATen/core/grad_mode.h>
#include <numeric>
#include <random>

#include "edit/target_value.h"
#include "model/optimizer.h"
#include "model/scoring.h"
#include "util/error.h"

namespace redit {

std::string protocolName(LoraEditProtocol protocol) {
    return protocol == LoraEditProtocol::RevisionSet ? "revision-set" : "sequential";
}

LoraEditProtocol parseLoraEditProtocol(const std::string& name) {
    if (name == "revision-set") return LoraEditProtocol::RevisionSet;
    if (name == "sequential") return LoraEditProtocol::Sequential;
    throw ConfigError("unknown LoRA edit protocol '" + name + "' (revision-set, sequential)");
}

namespace {

// The adapters change nothing below the first adapted layer, so the residual stream there is computed once for
// the whole revision set (left-padded to its longest prompt) and each step runs only the layers from the first
// adapted one up, with logits at the last position only (docs/editing.md).
struct FrozenStream {
    at::Tensor stream;   // [N, T, hidden]: the input of layer `firstLayer`
    at::Tensor mask;     // [N, T]
    at::Tensor answers;  // [N]
    int64_t firstLayer = 0;
};

FrozenStream frozenStream(const DecoderModel& model, const std::vector<AnswerExample>& revision, int64_t padId) {
    constexpr int64_t kChunk = 16;  // prompts per no-grad forward
    std::vector<std::vector<int32_t>> prompts;
    std::vector<int64_t> answers;
    for (const auto& e : revision) {
        prompts.push_back(e.prompt);
        answers.push_back(e.answer);
    }
    FrozenStream out;
    out.firstLayer = firstAdaptedLayer(model);
    TokenBatch batch = makeLeftPaddedBatch(prompts, padId, model.device());
    out.mask = batch.mask;
    out.answers = at::tensor(answers, at::kLong).to(model.device());
    at::NoGradGuard noGrad;
    std::vector<at::Tensor> parts;
    for (int64_t start = 0; start < batch.ids.size(0); start += kChunk) {
        const int64_t n = std::min(kChunk, batch.ids.size(0) - start);
        parts.push_back(model.runLayers(model.embed(batch.ids.narrow(0, start, n)), batch.mask.narrow(0, start, n), 0,
                                        out.firstLayer));
    }
    out.stream = at::cat(parts, 0);
    return out;
}

// One AdamW step on the cross-entropy of the answers at the last position of the given revision examples.
void trainStep(DecoderModel& model, AdamW& optimizer, const FrozenStream& frozen, const std::vector<int64_t>& rows) {
    const at::Tensor index = at::tensor(rows, at::kLong).to(model.device());
    at::Tensor mask = frozen.mask.index_select(0, index);
    // Drop the columns that are padding in every row: the batch is padded as if it had been tokenized alone.
    const int64_t T = mask.size(1), length = mask.sum(1).max().item<int64_t>();
    mask = mask.narrow(1, T - length, length);
    const at::Tensor stream = frozen.stream.index_select(0, index).narrow(1, T - length, length);
    const at::Tensor top = model.runLayers(stream, mask, frozen.firstLayer, model.config().numLayers, /*training=*/true);
    const at::Tensor logits = model.logitsFrom(top, LogitPositions::Last).select(1, -1);
    at::Tensor loss = at::cross_entropy_loss(logits.to(at::kFloat), frozen.answers.index_select(0, index));
    optimizer.zeroGrad();
    loss.backward();
    optimizer.step();
}

}  // namespace

LoraEditResult loraEdit(DecoderModel& model, const std::vector<AnswerExample>& revision, const LoraEditOptions& o) {
    if (revision.empty()) throw ConfigError("LoRA edit: the revision set is empty");
    if (o.steps < 1 || o.stepsPerInstance < 1) throw ConfigError("LoRA edit: steps must be at least 1");
    if (o.batchSize < 0) throw ConfigError("LoRA edit: the batch size must be >= 0 (0 = whole set)");
    for (const auto& e : revision)
        if (e.prompt.empty() || e.answer < 0 || e.answer >= model.config().vocabSize)
            throw ConfigError("LoRA edit: a revision example has an empty prompt or an answer outside the vocabulary");

    LoraEditResult result;
    result.protocol = o.protocol;
    attachLora(model, o.lora, o.seed);  // replaces kept adapters of an earlier edit: the base model again
    result.initialLoss = answerNll(model, revision, o.padId);
    std::vector<at::Tensor> params = loraParameters(model);
    for (auto& p : params) p.set_requires_grad(true);
    AdamW optimizer(params, AdamWOptions{o.learningRate, 0.9, 0.999, 1e-8, o.weightDecay});
    at::manual_seed(o.seed);
    const FrozenStream frozen = frozenStream(model, revision, o.padId);

    if (o.protocol == LoraEditProtocol::RevisionSet) {
        const size_t batchSize = o.batchSize == 0 ? revision.size() : static_cast<size_t>(o.batchSize);
        std::mt19937_64 rng(o.seed);
        std::vector<size_t> order(revision.size());
        std::iota(order.begin(), order.end(), 0);
        size_t cursor = order.size();
        for (int64_t step = 0; step < o.steps; ++step) {
            std::vector<int64_t> batch;
            while (batch.size() < std::min(batchSize, revision.size())) {
                if (cursor == order.size()) {
                    std::shuffle(order.begin(), order.end(), rng);
                    cursor = 0;
                }
                batch.push_back(static_cast<int64_t>(order[cursor++]));
            }
            trainStep(model, optimizer, frozen, batch);
            ++result.steps;
        }
    } else {
        for (int64_t row = 0; row < static_cast<int64_t>(revision.size()); ++row)
            for (int64_t step = 0; step < o.stepsPerInstance; ++step) {
                trainStep(model, optimizer, frozen, {row});
                ++result.steps;
            }
    }

    for (auto& p : params) {
        p.set_requires_grad(false);
        p.mutable_grad() = at::Tensor();
    }
    if (o.merge) {
        mergeLora(model);
        result.merged = true;
    }
    result.finalLoss = answerNll(model, revision, o.padId);
    return result;
}

}  // namespace redit
