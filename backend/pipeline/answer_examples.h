#pragma once
// Instances as training/editing examples: the prompt in the tokenizer's prompt style and its gold answer token.
#include <vector>

#include "data/pattern.h"
#include "model/answer_training.h"
#include "model/tokenizer.h"

namespace redit::pipeline {

std::vector<AnswerExample> answerExamples(const Tokenizer& tokenizer, const std::vector<data::Instance>& instances);

// The prompts (no answer) of every contextual instance of the patterns: all but the abstract variants.
std::vector<std::vector<int32_t>> contextualPrompts(const Tokenizer& tokenizer, const std::vector<data::Pattern>& patterns);

}  // namespace redit::pipeline
