#pragma once
// Step 3 of the law pipeline: Delta(i -> j) = |Acc_j(edited on i) - Acc_j(base)|, every edit made from the
// same base model on pattern i's revision split, accuracies on each pattern's test split.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/pattern.h"
#include "data/splits.h"
#include "model/decoder.h"
#include "model/tokenizer.h"
#include "results/law_records.h"

namespace redit::pipeline {

using results::InterferenceResult;  // the stored record this step produces

// Edits `pattern` into a copy of `base` on its revision instances and returns the edited model; the base
// must stay unchanged. The LoRA editor (edit/lora_edit.h) is one implementation.
using PatternEditor = std::function<std::shared_ptr<const DecoderModel>(
    const DecoderModel& base, const data::Pattern& pattern, const std::vector<data::Instance>& revision)>;

struct InterferenceOptions {
    data::SplitOptions split;  // revision and test parts
    int64_t batchSize = 64;
    int64_t padId = 0;
    std::function<bool()> cancelled;
    std::function<void(double fraction)> progress;  // after the base and after each edit
    // The result so far of an interrupted run (base accuracies and the first rows of edits): those edits are
    // not made again. Edits are independent of each other, so the result is the same as in one go.
    std::optional<InterferenceResult> resumeFrom;
    std::function<void(const InterferenceResult& partial)> stepDone;  // after the base and after each edit
};


// Nullopt when cancelled. ConfigError when the editor returns no model, or when resumeFrom is for other
// patterns.
std::optional<InterferenceResult> measureInterference(const DecoderModel& base, const Tokenizer& tokenizer,
                                                      const std::vector<data::Pattern>& patterns,
                                                      const PatternEditor& editor, const InterferenceOptions& options);

}  // namespace redit::pipeline
