#pragma once
// The LoRA editor as the interference pipeline's PatternEditor: edit a copy of the base model on a pattern's
// revision instances (adapters and optimiser fresh for every edit, merged afterwards).
#include "edit/lora_edit.h"
#include "model/tokenizer.h"
#include "pipeline/interference.h"

namespace redit::pipeline {

// Prompts are rendered in the tokenizer's prompt style (promptStyleFor); the target is the gold answer token.
// `log` (optional) gets a line per edit with the revision set's answer loss before and after it.
PatternEditor loraPatternEditor(const Tokenizer& tokenizer, LoraEditOptions options,
                                std::function<void(const std::string&)> log = {});

}  // namespace redit::pipeline
