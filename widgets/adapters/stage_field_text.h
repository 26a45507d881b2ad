#pragma once
// The labels and units of the stages' fields (jobs/config_schema.h FieldSpec::label, ::unit) in the user's
// language. The backend is Qt-free, so its texts are listed here for lupdate; tests/gui/test_run_dialog
// checks that every registered stage's labels and units are in the list.
#include <QString>
#include <QStringList>

#include "jobs/config_schema.h"

namespace redit::gui {

// The field's label, translated; its name when the schema gives none.
QString fieldLabel(const FieldSpec& field);
// The field's unit, translated; empty when it has none.
QString fieldUnit(const FieldSpec& field);
// Every label and unit this file translates (in English).
QStringList translatedStageFieldTexts();

}  // namespace redit::gui
