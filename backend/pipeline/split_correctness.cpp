#include "pipeline/split_correctness.h"

#include "edit/evaluation.h"
#include "edit/pattern_accuracy.h"

namespace redit::pipeline {


TestPrompts testPrompts(const Tokenizer& tokenizer, const std::vector<data::Pattern>& patterns,
                        const data::SplitOptions& split) {
    const data::PromptStyle style = promptStyleFor(tokenizer);
    TestPrompts prompts;
    prompts.candidates = answerTokenIds(tokenizer, style);
    for (const data::Pattern& pattern : patterns) {
        std::vector<ScoredPrompt> part;
        for (const data::Instance& instance : data::splitPattern(pattern, split).test) {
            const int64_t gold = instance.label == data::Truth::True ? 0 : instance.label == data::Truth::False ? 1 : 2;
            part.push_back({tokenizer.encode(style.prompt(instance.text)), gold});
        }
        prompts.perPattern.push_back(std::move(part));
    }
    return prompts;
}

std::vector<std::vector<bool>> testCorrectness(const DecoderModel& model, const TestPrompts& prompts, int64_t padId,
                                               int64_t batchSize) {
    // One scoring pass over all patterns' prompts (fewer, fuller batches), then cut back per pattern.
    std::vector<ScoredPrompt> all;
    for (const auto& part : prompts.perPattern) all.insert(all.end(), part.begin(), part.end());
    const std::vector<bool> correct = answeredCorrectly(model, all, prompts.candidates, padId, batchSize);
    std::vector<std::vector<bool>> perPattern;
    std::size_t start = 0;
    for (const auto& part : prompts.perPattern) {
        perPattern.emplace_back(correct.begin() + long(start), correct.begin() + long(start + part.size()));
        start += part.size();
    }
    return perPattern;
}

std::vector<bool> othersPooled(const std::vector<std::vector<bool>>& correctness, std::size_t skip) {
    std::vector<bool> pooled;
    for (std::size_t j = 0; j < correctness.size(); ++j)
        if (j != skip) pooled.insert(pooled.end(), correctness[j].begin(), correctness[j].end());
    return pooled;
}

}  // namespace redit::pipeline
