#include "pipeline/lora_pattern_editor.h"

#include "edit/pattern_accuracy.h"
#include "util/error.h"

namespace redit::pipeline {

PatternEditor loraPatternEditor(const Tokenizer& tokenizer, LoraEditOptions options) {
    options.merge = true;
    return [tokenizer, options](const DecoderModel& base, const data::Pattern& pattern,
                                const std::vector<data::Instance>& revision) {
        const data::PromptStyle style = promptStyleFor(tokenizer);
        const std::vector<int64_t> answers = answerTokenIds(tokenizer, style);
        std::vector<AnswerExample> examples;
        for (const data::Instance& instance : revision) {
            const size_t index = instance.label == data::Truth::True ? 0 : instance.label == data::Truth::False ? 1 : 2;
            examples.push_back({tokenizer.encode(style.prompt(instance.text)), static_cast<int32_t>(answers[index])});
        }
        if (examples.empty()) throw ConfigError("pattern " + pattern.id + " has no revision instances to edit on");
        // A copy shares the weight tensors; the edit replaces (never writes into) the tensors it changes,
        // so the base model is left as it was.
        auto edited = std::make_shared<DecoderModel>(base);
        loraEdit(*edited, examples, options);
        return std::shared_ptr<const DecoderModel>(std::move(edited));
    };
}

}  // namespace redit::pipeline
