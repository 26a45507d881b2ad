#pragma once
#include <QWidget>
#include <map>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "jobs/config_schema.h"

class QFormLayout;
class QLabel;
class QToolButton;

namespace redit::gui {

// A form generated from a ConfigSchema: one editor per field (a combo box for a string with allowed values,
// a check box for a boolean, a line edit otherwise; numbers are not clamped so that the schema, not the
// editor, judges them), labelled with the field's label and unit, the description, key, type, range and
// default as tooltip, and an error line under each field. The fields the schema marks advanced are folded
// under an "Advanced" button ("advancedToggle"). Editors are named "field_<name>", error lines "error_<name>".
class ConfigForm : public QWidget {
    Q_OBJECT
public:
    explicit ConfigForm(QWidget* parent = nullptr);

    // Rebuilds the form for `schema`, every field at its default; the `external` fields get no editor (the
    // run dialog's model and dataset choosers fill them).
    void setSchema(const ConfigSchema& schema, const std::set<std::string>& external = {});
    // Puts the values of the fields `params` names into their editors.
    void setValues(const nlohmann::json& params);
    // The entered values; empty editors are left out (the schema fills or asks for them).
    nlohmann::json values() const;
    // Checks every field's value against its spec, showing each field's error beside it; false when one is wrong.
    bool validate();

    QWidget* editor(const std::string& field) const;
    QLabel* errorLabel(const std::string& field) const;
    // The label shown beside a field's editor.
    QLabel* label(const std::string& field) const;
    QToolButton* advancedToggle() const { return advancedToggle_; }
    // Whether the field's row is in the Advanced fold.
    bool isAdvanced(const std::string& field) const;

signals:
    void edited();

private:
    struct Row {
        FieldSpec spec;
        QWidget* editor = nullptr;
        QLabel* error = nullptr;
        QLabel* label = nullptr;
    };
    QWidget* createEditor(const FieldSpec& spec);
    // The label, editor and error line of a field, as the form's next row.
    void addRow(const FieldSpec& spec);
    void setEditorValue(const Row& row, const nlohmann::json& value);
    std::optional<nlohmann::json> editorValue(const Row& row) const;

    std::map<std::string, Row> rows_;
    QFormLayout* layout_;
    QToolButton* advancedToggle_ = nullptr;  // made by setSchema
};

}  // namespace redit::gui
