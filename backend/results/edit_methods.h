#pragma once
// The editing methods the comparison runs (docs/method.md sections 8-9) and their names in results and configs.
#include <string>
#include <vector>

namespace redit::results {

enum class EditMethod {
    Raw,                 // no edit: the base model's accuracy
    Lora,                // LoRA on the base model
    Rome,                // ROME on one MLP layer of the base model
    AlphaEdit,           // AlphaEdit on one MLP layer of the base model
    Redit,               // reshape the base model, then the LoRA edit
    ReditNoMetaLearning,       // ablations: reshaping without one of its parts
    ReditNoNullSpaceProtection,
    ReditNoPredictionPreservation,
};

// "Raw", "LoRA", "ROME", "AlphaEdit", "REdit", "REdit w/o meta-learning", "REdit w/o null-space protection",
// "REdit w/o prediction preservation".
std::string editMethodName(EditMethod method);
EditMethod parseEditMethod(const std::string& name);  // ConfigError listing the names for an unknown one
std::vector<EditMethod> allEditMethods();              // in the order above

// REdit and its ablations: they reshape the base model before editing.
bool reshapesFirst(EditMethod method);

}  // namespace redit::results
