#include "results/comparison_tables.h"

#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "results/edit_methods.h"

namespace redit::results {

namespace {

std::string cell(const nlohmann::json& value) {
    if (value.is_null()) return "-";
    char text[48];
    std::snprintf(text, sizeof text, "%.1f ± %.1f", 100 * value.at("mean").get<double>(), 100 * value.at("std").get<double>());
    return text;
}

using Key = std::tuple<int, std::string, bool>;  // level, method, transfer

std::string table(const std::map<Key, const nlohmann::json*>& rows, const std::set<int>& levels,
                  const std::vector<EditMethod>& methods, bool transfer) {
    std::string out = "| Method |";
    std::string rule = "|---|";
    for (int level : levels) {
        out += " L" + std::to_string(level) + " Generality | L" + std::to_string(level) + " Locality |";
        rule += "---|---|";
    }
    out += "\n" + rule + "\n";
    bool any = false;
    for (EditMethod method : methods) {
        std::string line = "| " + editMethodName(method) + " |";
        bool present = false;
        for (int level : levels) {
            auto it = rows.find({level, editMethodName(method), transfer});
            if (it == rows.end()) {
                line += " |  |";
                continue;
            }
            present = true;
            line += " " + cell(it->second->at("generality")) + " | " + cell(it->second->at("locality")) + " |";
        }
        if (present) out += line + "\n", any = true;
    }
    return any ? out : std::string();
}

}  // namespace

std::string comparisonMarkdown(const std::vector<nlohmann::json>& summaryRows) {
    std::map<Key, const nlohmann::json*> rows;
    std::set<int> levels;
    int seeds = 0;
    for (const nlohmann::json& r : summaryRows) {
        rows[{r.at("level").get<int>(), r.at("method").get<std::string>(), r.at("transfer").get<bool>()}] = &r;
        levels.insert(r.at("level").get<int>());
        seeds = std::max(seeds, r.at("seeds").get<int>());
    }
    const std::string note = "Mean ± std over " + std::to_string(seeds) + " seeds, percent.\n\n";
    std::string out;
    const std::string comparison =
        table(rows, levels, {EditMethod::Raw, EditMethod::Lora, EditMethod::Rome, EditMethod::AlphaEdit, EditMethod::Redit}, false);
    if (!comparison.empty()) out += "### Comparison (reshaped patterns)\n\n" + note + comparison + "\n";
    const std::string ablations =
        table(rows, levels, {EditMethod::Redit, EditMethod::ReditNoMetaLearning, EditMethod::ReditNoNullSpaceProtection,
                             EditMethod::ReditNoPredictionPreservation}, false);
    if (!ablations.empty()) out += "### Ablations\n\n" + note + ablations + "\n";
    const std::string transfer = table(rows, levels, allEditMethods(), true);
    if (!transfer.empty()) out += "### Transfer (patterns held out of reshaping)\n\n" + note + transfer + "\n";
    return out;
}

}  // namespace redit::results
