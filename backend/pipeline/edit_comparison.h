#pragma once
// The editing comparison (docs/method.md sections 8-9): for one level, seed and method, every pattern edited from
// the same base model on its revision split and scored on every pattern's test split.
//
// Raw is the base model. LoRA, ROME and AlphaEdit edit the base model. REdit (and each ablation) first
// reshapes the base model on the seed's reshape patterns (every pattern but the transfer ones), once per
// chunk, then LoRA-edits the reshaped model exactly like the LoRA baseline. Raw, Generality's "before" and
// Locality are always measured against the *original* base model's answers, so whatever the reshaping broke
// counts against REdit.
#include <ATen/ATen.h>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/pattern.h"
#include "data/splits.h"
#include "edit/alphaedit.h"
#include "edit/evaluation.h"
#include "edit/lora_edit.h"
#include "edit/rome.h"
#include "model/decoder.h"
#include "model/tokenizer.h"
#include "results/edit_records.h"

namespace redit::pipeline {

// The stored records and method names this step produces (results layer).
using results::allEditMethods;
using results::EditMethod;
using results::editMethodName;
using results::EditOutcomeRow;
using results::parseEditMethod;
using results::reshapesFirst;

// Returns a reshaped copy of `base` (the base left unchanged), or nullptr when cancelled. `patterns` are the
// reshape patterns (their train splits under `split` are the reshaping data); `variant` is REdit or one of
// its ablations; `progress` (may be empty) gets the fraction of the reshaping done. backend/reshape provides
// the real one; tests inject their own.
using Reshaper = std::function<std::shared_ptr<const DecoderModel>(
    const DecoderModel& base, const std::vector<data::Pattern>& patterns, const data::SplitOptions& split,
    EditMethod variant, uint64_t seed, const std::function<bool()>& cancelled,
    const std::function<void(double fraction)>& progress)>;

struct ComparisonOptions {
    data::SplitOptions split;  // the seed is each chunk's
    LoraEditOptions lora;      // the seed is each chunk's; LoRA and REdit
    RomeOptions rome;
    AlphaEditOptions alphaEdit;
    std::size_t transferPatterns = 2;  // held out of reshaping per seed (0: none)
    int64_t batchSize = 64;            // evaluation
    int64_t padId = 0;
};

// What the methods need beyond the options, asked for only by the methods that use it.
struct ComparisonInputs {
    Reshaper reshape;                              // REdit and its ablations
    std::function<at::Tensor()> romeCovariance;            // E[k k^T] of options.rome.layer's keys (ROME's C)
    std::function<at::Tensor()> alphaEditKeySecondMoment;  // E[k k^T] of options.alphaEdit.layer's keys
    std::function<bool()> cancelled;
    std::function<void(const std::string&)> log;    // a line for the run's log (optional)
    // Called with each reshaped model before its edits (optional: a config that keeps reshaped models).
    std::function<void(const DecoderModel& reshaped, EditMethod variant, uint64_t seed)> keepReshaped;
    // Within the chunk: a chunk that reshapes reports the reshaping as its first half (an even split, not a
    // time estimate: their ratio depends on the settings), then each pattern's edit.
    std::function<void(double fraction)> progress;
};

// The seed's held-out pattern ids: `count` of the patterns, drawn by the seed. ConfigError when count is not
// smaller than the number of patterns (something must be left to reshape on).
std::vector<std::string> transferPatternIds(const std::vector<data::Pattern>& patterns, std::size_t count,
                                            uint64_t seed);

// One chunk: one row per pattern, in pattern order. Nullopt when cancelled. ConfigError when an input the
// method needs is missing.
std::optional<std::vector<EditOutcomeRow>> compareEdits(const DecoderModel& base, const Tokenizer& tokenizer,
                                                        const std::vector<data::Pattern>& patterns, int level,
                                                        EditMethod method, uint64_t seed,
                                                        const ComparisonOptions& options,
                                                        const ComparisonInputs& inputs);

}  // namespace redit::pipeline
