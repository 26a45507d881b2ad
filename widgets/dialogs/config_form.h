#pragma once
#include <QWidget>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "jobs/config_schema.h"

class QFormLayout;
class QLabel;

namespace redit::gui {

// A form generated from a ConfigSchema: one editor per field (a combo box for a string with allowed values,
// a check box for a boolean, a line edit otherwise; numbers are not clamped so that the schema, not the
// editor, judges them), the description, type, range and default as tooltip, and an error line under each
// field. Editors are named "field_<name>", error lines "error_<name>".
class ConfigForm : public QWidget {
    Q_OBJECT
public:
    explicit ConfigForm(QWidget* parent = nullptr);

    // Rebuilds the form for `schema`, every field at its default.
    void setSchema(const ConfigSchema& schema);
    // Puts the values of the fields `params` names into their editors.
    void setValues(const nlohmann::json& params);
    // The entered values; empty editors are left out (the schema fills or asks for them).
    nlohmann::json values() const;
    // Checks every field against the schema, showing each field's error beside it; the params with defaults
    // filled when all are valid.
    std::optional<nlohmann::json> validate();

    QWidget* editor(const std::string& field) const;
    QLabel* errorLabel(const std::string& field) const;

signals:
    void edited();

private:
    struct Row {
        FieldSpec spec;
        QWidget* editor = nullptr;
        QLabel* error = nullptr;
    };
    QWidget* createEditor(const FieldSpec& spec);
    void setEditorValue(const Row& row, const nlohmann::json& value);
    std::optional<nlohmann::json> editorValue(const Row& row) const;

    ConfigSchema schema_;
    std::map<std::string, Row> rows_;
    QFormLayout* layout_;
};

}  // namespace redit::gui
