#pragma once
// Two runs side by side: their configurations and provenance, field by field.
#include <QString>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/run_controller.h"

namespace redit::gui {

// One field of the comparison: a config path ("params.budgets") or a provenance label, with each run's value
// ("" where a run lacks the field).
struct RunFieldRow {
    QString field;
    QString a;
    QString b;
    bool differs = false;
};

// The leaves of a JSON config as (dotted path, compact JSON text), arrays kept whole, in key order.
std::vector<std::pair<QString, QString>> flattenConfig(const nlohmann::json& config);

// Config fields (the union of both, in key order), then provenance rows (the labels of run A, then any only
// run B has).
std::vector<RunFieldRow> compareRunFields(const RunDetails& a, const RunDetails& b);

}  // namespace redit::gui
