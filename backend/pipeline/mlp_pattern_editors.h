#pragma once
// ROME and AlphaEdit as PatternEditors: each edit rewrites one MLP down-projection of a copy of the base
// model so that the pattern's revision prompts produce their gold answers.
#include <ATen/ATen.h>
#include <functional>
#include <string>

#include "edit/alphaedit.h"
#include "edit/rome.h"
#include "model/tokenizer.h"
#include "pipeline/interference.h"

namespace redit::pipeline {

// ROME with one key k* (the mean last-token key of the revision prompts) and the key covariance C of
// options.layer, computed beforehand (keySecondMoment).
PatternEditor romePatternEditor(const Tokenizer& tokenizer, RomeOptions options, at::Tensor covariance);

// AlphaEdit with one key per revision prompt and the preserved keys' second moment E[k k^T] of options.layer
// (keySecondMoment). `log` (optional) gets a line per edit: the edit keys' null-space share and how much of
// their residual the update removed, which say why an AlphaEdit edit changes little.
PatternEditor alphaEditPatternEditor(const Tokenizer& tokenizer, AlphaEditOptions options, at::Tensor keySecondMoment,
                                     std::function<void(const std::string&)> log = {});

}  // namespace redit::pipeline
