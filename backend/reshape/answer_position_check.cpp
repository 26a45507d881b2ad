#include "reshape/answer_position_check.h"

#include <ATen/core/grad_mode.h>
#include <algorithm>
#include <cstdio>

#include "model/scoring.h"
#include "util/error.h"

namespace redit {

namespace {

at::Tensor lastPositionLogits(const DecoderModel& model, const std::vector<std::vector<int32_t>>& prompts, int64_t padId) {
    const TokenBatch batch = makeLeftPaddedBatch(prompts, padId, model.device());
    return model.forward(batch.ids, batch.mask, {}, false, LogitPositions::Last).logits.select(1, 0).to(at::kCPU, at::kDouble);
}

// Per row: is the most likely token one of the candidates?
int64_t candidatesOnTop(const at::Tensor& logits, const at::Tensor& candidates) {
    return at::isin(logits.argmax(1), candidates).sum().item<int64_t>();
}

}  // namespace

AnswerPositionCheck checkAnswerPosition(const DecoderModel& original, const DecoderModel& reshaped,
                                        const std::vector<std::vector<int32_t>>& prompts,
                                        const std::vector<int64_t>& candidates, int64_t padId, int64_t batchSize) {
    if (prompts.empty()) throw ConfigError("the answer-position check needs at least one prompt");
    if (batchSize < 1) throw ConfigError("the answer-position check needs a batch size of at least 1");
    for (int64_t c : candidates)
        if (c < 0 || c >= original.config().vocabSize)
            throw ConfigError("candidate token " + std::to_string(c) + " is outside the vocabulary");
    at::NoGradGuard noGrad;
    const at::Tensor candidateIds = at::tensor(candidates, at::kLong);
    AnswerPositionCheck check;
    double klSum = 0;
    for (std::size_t begin = 0; begin < prompts.size(); begin += std::size_t(batchSize)) {
        const std::vector<std::vector<int32_t>> part(prompts.begin() + long(begin),
                                                    prompts.begin() + long(std::min(prompts.size(), begin + std::size_t(batchSize))));
        const at::Tensor before = lastPositionLogits(original, part, padId), after = lastPositionLogits(reshaped, part, padId);
        const at::Tensor logBefore = at::log_softmax(before, 1), logAfter = at::log_softmax(after, 1);
        klSum += (logBefore.exp() * (logBefore - logAfter)).sum().item<double>();
        check.candidateOnTopBefore += candidatesOnTop(before, candidateIds);
        check.candidateOnTopAfter += candidatesOnTop(after, candidateIds);
        check.prompts += int64_t(part.size());
    }
    check.vocabularyKl = klSum / double(check.prompts);
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
                "from its target; consider a smaller inner_lr or preserve_support \"vocabulary\"";
    return text;
}

}  // namespace redit
