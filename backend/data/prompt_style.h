#pragma once
#include <string>

#include "data/logic_problem.h"

namespace redit::data {

// How an instance becomes a model prompt and which strings are its answers.
struct PromptStyle {
    std::string name;
    std::string suffix;          // appended to the instance text
    std::string answerTrue, answerFalse, answerUnknown;

    std::string prompt(const std::string& instanceText) const { return instanceText + suffix; }
    const std::string& answer(Truth label) const {
        return label == Truth::True ? answerTrue : label == Truth::False ? answerFalse : answerUnknown;
    }
};

// Pretrained LLMs, no chat template (as the reference code): answers " True", " False", " N".
inline PromptStyle pretrainedPromptStyle() {
    return {"pretrained", " (Answer only in True, False, or N/A (Neither)). Answer:", " True", " False", " N"};
}

// The built-in demo model with a word-level tokenizer: answers are whole words.
inline PromptStyle demoPromptStyle() { return {"demo", "\nAnswer:", "True", "False", "N"}; }

}  // namespace redit::data
