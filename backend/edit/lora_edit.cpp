#include "edit/lora_edit.h"

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

// One AdamW step on the cross-entropy of the answers at the last position of a left-padded batch.
void trainStep(DecoderModel& model, AdamW& optimizer, const std::vector<const AnswerExample*>& examples, int64_t padId) {
    std::vector<std::vector<int32_t>> prompts;
    std::vector<int64_t> answers;
    for (const AnswerExample* e : examples) {
        prompts.push_back(e->prompt);
        answers.push_back(e->answer);
    }
    TokenBatch batch = makeLeftPaddedBatch(prompts, padId, model.device());
    at::Tensor logits = model.forward(batch.ids, batch.mask, {}, /*training=*/true).logits.select(1, -1);
    at::Tensor loss = at::cross_entropy_loss(logits.to(at::kFloat), at::tensor(answers, at::kLong).to(model.device()));
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

    if (o.protocol == LoraEditProtocol::RevisionSet) {
        const size_t batchSize = o.batchSize == 0 ? revision.size() : static_cast<size_t>(o.batchSize);
        std::mt19937_64 rng(o.seed);
        std::vector<size_t> order(revision.size());
        std::iota(order.begin(), order.end(), 0);
        size_t cursor = order.size();
        for (int64_t step = 0; step < o.steps; ++step) {
            std::vector<const AnswerExample*> batch;
            while (batch.size() < std::min(batchSize, revision.size())) {
                if (cursor == order.size()) {
                    std::shuffle(order.begin(), order.end(), rng);
                    cursor = 0;
                }
                batch.push_back(&revision[order[cursor++]]);
            }
            trainStep(model, optimizer, batch, o.padId);
            ++result.steps;
        }
    } else {
        for (const AnswerExample& e : revision)
            for (int64_t step = 0; step < o.stepsPerInstance; ++step) {
                trainStep(model, optimizer, {&e}, o.padId);
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
