#include "pipeline/answer_examples.h"

#include "edit/pattern_accuracy.h"

namespace redit::pipeline {


std::vector<AnswerExample> answerExamples(const Tokenizer& tokenizer, const std::vector<data::Instance>& instances) {
    const data::PromptStyle style = promptStyleFor(tokenizer);
    const std::vector<int64_t> answers = answerTokenIds(tokenizer, style);
    std::vector<AnswerExample> examples;
    for (const data::Instance& instance : instances) {
        const size_t index = instance.label == data::Truth::True ? 0 : instance.label == data::Truth::False ? 1 : 2;
        examples.push_back({tokenizer.encode(style.prompt(instance.text)), static_cast<int32_t>(answers[index])});
    }
    return examples;
}

std::vector<std::vector<int32_t>> contextualPrompts(const Tokenizer& tokenizer, const std::vector<data::Pattern>& patterns) {
    const data::PromptStyle style = promptStyleFor(tokenizer);
    std::vector<std::vector<int32_t>> prompts;
    for (const data::Pattern& pattern : patterns)
        for (const data::Instance& instance : pattern.instances)
            if (instance.domain != "abstract") prompts.push_back(tokenizer.encode(style.prompt(instance.text)));
    return prompts;
}

}  // namespace redit::pipeline
