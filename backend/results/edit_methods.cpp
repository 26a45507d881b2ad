#include "results/edit_methods.h"

#include "util/error.h"

namespace redit::results {

std::vector<EditMethod> allEditMethods() {
    return {EditMethod::Raw,   EditMethod::Lora,
            EditMethod::Rome,  EditMethod::AlphaEdit,
            EditMethod::Redit, EditMethod::ReditNoMetaLearning,
            EditMethod::ReditNoNullSpaceProtection, EditMethod::ReditNoPredictionPreservation};
}

std::string editMethodName(EditMethod method) {
    switch (method) {
        case EditMethod::Raw: return "Raw";
        case EditMethod::Lora: return "LoRA";
        case EditMethod::Rome: return "ROME";
        case EditMethod::AlphaEdit: return "AlphaEdit";
        case EditMethod::Redit: return "REdit";
        case EditMethod::ReditNoMetaLearning: return "REdit w/o meta-learning";
        case EditMethod::ReditNoNullSpaceProtection: return "REdit w/o null-space protection";
        case EditMethod::ReditNoPredictionPreservation: return "REdit w/o prediction preservation";
    }
    throw Error("unknown edit method");
}

EditMethod parseEditMethod(const std::string& name) {
    std::string known;
    for (EditMethod m : allEditMethods()) {
        if (editMethodName(m) == name) return m;
        known += (known.empty() ? "" : ", ") + ("'" + editMethodName(m) + "'");
    }
    throw ConfigError("unknown edit method '" + name + "' (one of " + known + ")");
}

bool reshapesFirst(EditMethod method) {
    return method == EditMethod::Redit || method == EditMethod::ReditNoMetaLearning ||
           method == EditMethod::ReditNoNullSpaceProtection || method == EditMethod::ReditNoPredictionPreservation;
}

}  // namespace redit::results
