#pragma once
// The training corpus of the built-in demo model `logic-tiny`: verbalised deductive problems of levels 1
// and 2 in every ContextHub domain. Some rule configurations are deliberately under-sampled, at every level,
// so that the model is weak on exactly the patterns that use them (editing needs something to fix).
//
// A rule configuration is a rule operator with the truth values of its inputs when the rule is applied:
// "or:FF" (both disjuncts False), "and:TT" (both conjuncts True), "not:T" (the negated input True), and so on.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/logic_problem.h"
#include "data/prompt_style.h"

namespace redit::demo {

struct LogicTinyCorpusOptions {
    std::uint64_t seed = 1;
    int64_t level1PerPattern = 1500;
    int64_t level2PerPattern = 100;
    // Problems with any rule in one of these configurations are seen at underSampleRate of the others'
    // frequency. At level 1 they are sd1-05 (or:FF), sd1-06 (and:TT) and sd1-00 (not:T).
    std::vector<std::string> underSampledRules{"or:FF", "and:TT", "not:T"};
    double underSampleRate = 0.02;

    nlohmann::json toJson() const;
};

struct LogicTinyExample {
    std::string patternId;
    std::string prompt;  // instance text + the style's prompt suffix
    std::string answer;  // the style's answer: "True", "False" or "N" in the demo style
};

// The configurations of a deductive problem's rules, e.g. {"or:TF", "not:T"}.
std::vector<std::string> ruleConfigurations(const data::LogicProblem& problem);

// Prompts and answers in `style` (logic-tiny: the demo style; logic-smol: the pretrained style). A level with
// 0 problems per pattern is left out.
std::vector<LogicTinyExample> buildLogicTinyCorpus(const LogicTinyCorpusOptions& options,
                                                   const data::PromptStyle& style = data::demoPromptStyle());

// Every word the model must know: the corpus, all lexicon propositions and the answer words.
std::vector<std::string> logicTinyVocabularyTexts(const std::vector<LogicTinyExample>& corpus,
                                                  const data::PromptStyle& style = data::demoPromptStyle());

}  // namespace redit::demo
