#pragma once
#include <QString>
#include <string>

#include <nlohmann/json.hpp>

namespace redit::gui {

// The model folder a run will load: the first string param naming a folder with a config.json, otherwise
// `chosenModelFolder` (the run's model) when it has one; empty when neither does.
QString runModelFolder(const nlohmann::json& params, const QString& chosenModelFolder);

// "Memory estimate for FOLDER (fp32, batch B, length L, MODE): weights X + activations Y = Z" from
// estimateMemory with the folder's config.json. Batch and length come from the params "batch"/"batch_size"
// and "length"/"max_length" (default 1 and the model's maximum positions); the mode is training for
// kinds with "train" in their name, attribution for "circuits", inference otherwise.
// A config that cannot be read gives a line saying why.
QString runMemoryEstimate(const std::string& kind, const nlohmann::json& params, const QString& modelFolder);

}  // namespace redit::gui
