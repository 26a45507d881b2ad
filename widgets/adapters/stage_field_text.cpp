#include "adapters/stage_field_text.h"

#include <QCoreApplication>

namespace redit::gui {
namespace {

constexpr const char* kContext = "redit::gui::StageFields";

// Labels, then units, as the stages' schemas give them.
const char* const kTexts[] = {
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Model"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Dataset"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Instances"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Split seed"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Batch size"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "CPU threads"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Patterns per checkpoint"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Output folder"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Granularity"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Temperature"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Meta-iterations"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Tasks per iteration"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Anchors per task"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Negatives per anchor"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Inner steps per task"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Inner learning rate"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Outer learning rate"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Meta-learning"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Null-space protection"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Projection strength"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Prediction preservation"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "KL weight"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "KL over"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Preserved prompts per step"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Trained parameters"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Level"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Seeds"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Methods"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Held-out patterns"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Evaluation batch size"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "LoRA steps per edit"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "LoRA learning rate"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "LoRA rank"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "LoRA layers"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Pairs differentiated at once"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Edit protocol"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Edited MLP layer"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Target-value steps"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Target-value learning rate"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Target-value weight decay"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Target-value clamp"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Covariance ridge"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Null-space threshold"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Key dataset"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Reshaping options"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Keep reshaped models"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Model name"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Checkpoint every"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Corpus seed"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Level-1 examples per pattern"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Level-2 examples per pattern"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Under-sampled rules"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Under-sample rate"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Layers"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Hidden size"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Attention heads"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Key/value heads"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "MLP size"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Training steps"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Learning rate"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Weight decay"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Warm-up fraction"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Training seed"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Initialisation seed"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Initialisation std"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Pairs per pattern"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Integrated-gradient steps"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Memory budget per batch"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Edge budgets"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Circuits run"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Distances run"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Interference run"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Reference filter"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "Sliding window"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "prompts"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "threads"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "patterns"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "iterations"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "tasks"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "anchors"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "negatives"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "steps"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "layer"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "examples"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "layers"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "units"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "heads"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "pairs"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "MiB"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "fraction of edges"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "run id"),
    QT_TRANSLATE_NOOP("redit::gui::StageFields", "points"),
};

QString translated(const std::string& text) { return QCoreApplication::translate(kContext, text.c_str()); }

}  // namespace

QString fieldLabel(const FieldSpec& field) {
    return field.label.empty() ? QString::fromStdString(field.name) : translated(field.label);
}

QString fieldUnit(const FieldSpec& field) { return field.unit.empty() ? QString() : translated(field.unit); }

QStringList translatedStageFieldTexts() {
    QStringList texts;
    for (const char* text : kTexts) texts << QString::fromLatin1(text);
    return texts;
}

}  // namespace redit::gui
