#pragma once
// Per-pattern answer accuracy of a model on a dataset (the `eval` stage and `redit eval`).
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/pattern.h"
#include "data/prompt_style.h"
#include "data/splits.h"
#include "model/decoder.h"
#include "model/tokenizer.h"

namespace redit {

// Which instances of each pattern are scored.
enum class EvalPart { All, Test, Probe };  // All: every contextual instance; Test: the test split; Probe: abstract
EvalPart parseEvalPart(const std::string& name);  // "all", "test", "probe"; ConfigError otherwise
std::string evalPartName(EvalPart part);

// One scored instance: the model's answer and its probability among the three answers.
struct InstanceAnswer {
    std::string domain;
    std::string text;
    std::string label;   // gold: True, False or N/A
    std::string answer;  // the model's
    double probability = 0;
};

struct PatternAccuracy {
    std::string patternId;
    int level = 0;
    std::string label;  // gold label of the pattern
    int64_t correct = 0;
    int64_t total = 0;
    std::vector<InstanceAnswer> answers;  // every scored instance, in the pattern's order
    double accuracy() const { return total ? double(correct) / double(total) : 0.0; }
};

struct AccuracyReport {
    std::vector<PatternAccuracy> patterns;
    int64_t correct = 0;
    int64_t total = 0;
    double accuracy() const { return total ? double(correct) / double(total) : 0.0; }
    nlohmann::json toJson() const;
    std::string toCsv() const;
};

// The prompt style a model folder expects: the demo style for word-level tokenizers, else the reference
// style for pretrained models.
data::PromptStyle promptStyleFor(const Tokenizer& tokenizer);

// Candidate token ids of the style's three answers (first token of each); Error when an answer is unknown.
std::vector<int64_t> answerTokenIds(const Tokenizer& tokenizer, const data::PromptStyle& style);

struct EvalOptions {
    EvalPart part = EvalPart::All;
    data::SplitOptions split;  // for EvalPart::Test
    int64_t batchSize = 64;
    int64_t padId = 0;
    std::function<bool()> cancelled;
    std::function<void(double fraction)> progress;
};

// Scores every chosen instance by comparing the logits of the three answer tokens at the last position.
// Returns an empty report (total 0) when cancelled.
AccuracyReport evaluatePatterns(const DecoderModel& model, const Tokenizer& tokenizer,
                                const std::vector<data::Pattern>& patterns, const EvalOptions& options);

}  // namespace redit
