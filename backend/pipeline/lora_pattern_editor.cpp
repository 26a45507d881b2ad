#include "pipeline/lora_pattern_editor.h"

#include "pipeline/answer_examples.h"
#include "util/error.h"

namespace redit::pipeline {

using namespace redit::results;

PatternEditor loraPatternEditor(const Tokenizer& tokenizer, LoraEditOptions options) {
    options.merge = true;
    return [tokenizer, options](const DecoderModel& base, const data::Pattern& pattern,
                                const std::vector<data::Instance>& revision) {
        const std::vector<AnswerExample> examples = answerExamples(tokenizer, revision);
        if (examples.empty()) throw ConfigError("pattern " + pattern.id + " has no revision instances to edit on");
        // A copy shares the weight tensors; the edit replaces (never writes into) the tensors it changes,
        // so the base model is left as it was.
        auto edited = std::make_shared<DecoderModel>(base);
        loraEdit(*edited, examples, options);
        return std::shared_ptr<const DecoderModel>(std::move(edited));
    };
}

}  // namespace redit::pipeline
