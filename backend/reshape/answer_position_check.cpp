#include "reshape/answer_position_check.h"

#include <ATen/core/grad_mode.h>
#include <algorithm>
#include <cstdio>

#include "model/scoring.h"
#include "util/error.h"

namespace redit {

namespace {

// Last-position log-probabilities over the vocabulary [prompts, V], on the CPU, batch by batch.
at::Tensor lastLogProbabilities(const DecoderModel& model, const std::vector<std::vector<int32_t>>& prompts,
                                int64_t padId, int64_t batchSize) {
    at::NoGradGuard noGrad;
    const at::ScalarType type = at::promote_types(model.dtype(), at::kFloat);
    std::vector<at::Tensor> parts;
    for (std::size_t begin = 0; begin < prompts.size(); begin += std::size_t(batchSize)) {
        const std::vector<std::vector<int32_t>> part(prompts.begin() + long(begin),
                                                    prompts.begin() + long(std::min(prompts.size(), begin + std::size_t(batchSize))));
        const TokenBatch batch = makeLeftPaddedBatch(part, padId, model.device());
        const at::Tensor logits = model.forward(batch.ids, batch.mask, {}, false, LogitPositions::Last).logits.select(1, 0);
        parts.push_back(at::log_softmax(logits.to(type), 1).to(at::kCPU));
    }
    return at::cat(parts);
}

// Rows whose most likely token is one of the candidates.
int64_t candidatesOnTop(const at::Tensor& logProbabilities, const std::vector<int64_t>& candidates) {
    return at::isin(logProbabilities.argmax(1), at::tensor(candidates, at::kLong)).sum().item<int64_t>();
}

}  // namespace

AnswerPositionReference answerPositionReference(const DecoderModel& original, std::vector<std::vector<int32_t>> prompts,
                                                std::vector<int64_t> candidates, int64_t padId, int64_t batchSize) {
    if (prompts.empty()) throw ConfigError("the answer-position check needs at least one prompt");
    if (batchSize < 1) throw ConfigError("the answer-position check needs a batch size of at least 1");
    for (int64_t c : candidates)
        if (c < 0 || c >= original.config().vocabSize)
            throw ConfigError("candidate token " + std::to_string(c) + " is outside the vocabulary");
    if (prompts.size() > kAnswerPositionPrompts) prompts.resize(kAnswerPositionPrompts);
    AnswerPositionReference r{std::move(prompts), std::move(candidates), padId, batchSize, {}};
    r.logProbabilities = lastLogProbabilities(original, r.prompts, padId, batchSize);
    return r;
}

AnswerPositionCheck checkAnswerPosition(const AnswerPositionReference& original, const DecoderModel& reshaped) {
    const at::Tensor before = original.logProbabilities;
    const at::Tensor after = lastLogProbabilities(reshaped, original.prompts, original.padId, original.batchSize).to(before.scalar_type());
    AnswerPositionCheck check;
    check.prompts = before.size(0);
    check.candidateOnTopBefore = candidatesOnTop(before, original.candidates);
    check.candidateOnTopAfter = candidatesOnTop(after, original.candidates);
    check.vocabularyKl = (before.exp() * (before - after)).sum().item<double>() / double(check.prompts);
    return check;
}

bool answerPositionLost(const AnswerPositionCheck& check) {
    return 2 * check.candidateOnTopAfter < check.candidateOnTopBefore;
}

std::string describeAnswerPositionCheck(const AnswerPositionCheck& check) {
    char line[400];
    std::snprintf(line, sizeof line,
                  "on %lld preserve prompts a candidate answer is the most likely next token in %lld (the original: "
                  "%lld); KL over the whole vocabulary %.4g",
                  static_cast<long long>(check.prompts), static_cast<long long>(check.candidateOnTopAfter),
                  static_cast<long long>(check.candidateOnTopBefore), check.vocabularyKl);
    std::string text = line;
    if (answerPositionLost(check))
        text += ". Other tokens now outrank the answers: a LoRA edit (trained over the whole vocabulary) starts far "
                "from its target; consider a smaller inner_lr";
    return text;
}

}  // namespace redit
