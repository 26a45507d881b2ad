#include "pipeline/lora_pattern_editor.h"

#include <cstdio>

#include "pipeline/answer_examples.h"
#include "util/error.h"

namespace redit::pipeline {

using namespace redit::results;

PatternEditor loraPatternEditor(const Tokenizer& tokenizer, LoraEditOptions options,
                                std::function<void(const std::string&)> log) {
    options.merge = true;
    return [tokenizer, options, log](const DecoderModel& base, const data::Pattern& pattern,
                                     const std::vector<data::Instance>& revision) {
        const std::vector<AnswerExample> examples = answerExamples(tokenizer, revision);
        if (examples.empty()) throw ConfigError("pattern " + pattern.id + " has no revision instances to edit on");
        // A copy shares the weight tensors; the edit replaces (never writes into) the tensors it changes,
        // so the base model is left as it was.
        auto edited = std::make_shared<DecoderModel>(base);
        const LoraEditResult result = loraEdit(*edited, examples, options);
        if (log) {
            char line[200];
            std::snprintf(line, sizeof line, "LoRA edit of %s: answer loss on its %zu revision prompts %.4f -> %.4f (%lld steps)",
                          pattern.id.c_str(), examples.size(), result.initialLoss, result.finalLoss,
                          static_cast<long long>(result.steps));
            log(line);
        }
        return std::shared_ptr<const DecoderModel>(std::move(edited));
    };
}

}  // namespace redit::pipeline
