#include "dialogs/config_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "adapters/stage_field_text.h"
#include "util/error.h"

namespace redit::gui {
namespace {

using Type = FieldSpec::Type;

QString q(const std::string& text) { return QString::fromStdString(text); }

QString number(double v) { return QString::number(v, 'g', 12); }

QString tooltip(const FieldSpec& f) {
    QStringList lines;
    if (!f.description.empty()) lines << q(f.description);
    lines << ConfigForm::tr("Config key: %1").arg(q(f.name));
    lines << ConfigForm::tr("Type: %1").arg(QString::fromLatin1(toString(f.type)));
    if (!f.unit.empty()) lines << ConfigForm::tr("Unit: %1").arg(fieldUnit(f));
    if (f.minimum && f.maximum) lines << ConfigForm::tr("Range: %1 to %2").arg(number(*f.minimum), number(*f.maximum));
    else if (f.minimum) lines << ConfigForm::tr("At least %1").arg(number(*f.minimum));
    else if (f.maximum) lines << ConfigForm::tr("At most %1").arg(number(*f.maximum));
    if (!f.allowed.empty()) {
        QStringList allowed;
        for (const std::string& a : f.allowed) allowed << q(a);
        lines << ConfigForm::tr("One of: %1").arg(allowed.join(QStringLiteral(", ")));
    }
    lines << (f.defaultValue.is_null() ? ConfigForm::tr("Required") : ConfigForm::tr("Default: %1").arg(q(f.defaultValue.dump())));
    return lines.join(QLatin1Char('\n'));
}

// The text typed for a number, as JSON: an integer or a float when it reads as one, else the text itself
// (which the schema then refuses as the wrong type, naming the field).
nlohmann::json parseNumber(const QString& text, Type type) {
    bool ok = false;
    if (type == Type::Integer) {
        const qlonglong whole = text.toLongLong(&ok);
        if (ok) return whole;
    }
    const double value = text.toDouble(&ok);
    if (ok) return value;
    return text.toStdString();
}

}  // namespace

ConfigForm::ConfigForm(QWidget* parent) : QWidget(parent), layout_(new QFormLayout) {
    layout_->setContentsMargins(0, 0, 0, 0);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(layout_);
    layout->addStretch(1);
}

QWidget* ConfigForm::createEditor(const FieldSpec& spec) {
    if (spec.type == Type::Boolean) {
        auto* box = new QCheckBox(this);
        connect(box, &QCheckBox::toggled, this, &ConfigForm::edited);
        return box;
    }
    if (spec.type == Type::String && !spec.allowed.empty()) {
        auto* box = new QComboBox(this);
        for (const std::string& a : spec.allowed) box->addItem(q(a));
        connect(box, &QComboBox::currentIndexChanged, this, &ConfigForm::edited);
        return box;
    }
    auto* line = new QLineEdit(this);
    if (spec.type == Type::Array || spec.type == Type::Object) line->setPlaceholderText(tr("JSON"));
    if (spec.defaultValue.is_null()) line->setPlaceholderText(tr("required"));
    connect(line, &QLineEdit::textChanged, this, &ConfigForm::edited);
    return line;
}

void ConfigForm::addRow(const FieldSpec& spec) {
    Row row{spec, createEditor(spec), new QLabel(this), nullptr};
    row.editor->setObjectName(q("field_" + spec.name));
    row.editor->setToolTip(tooltip(spec));
    row.error->setObjectName(q("error_" + spec.name));
    row.error->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
    row.error->setWordWrap(true);
    row.error->setVisible(false);
    auto* cell = new QWidget(this);
    auto* cellLayout = new QVBoxLayout(cell);
    cellLayout->setContentsMargins(0, 0, 0, 0);
    cellLayout->setSpacing(1);
    cellLayout->addWidget(row.editor);
    cellLayout->addWidget(row.error);
    const QString unit = fieldUnit(spec);
    const QString text = unit.isEmpty() ? fieldLabel(spec) : tr("%1 (%2)").arg(fieldLabel(spec), unit);
    row.label = new QLabel(text + (spec.defaultValue.is_null() ? QStringLiteral(" *:") : QStringLiteral(":")), this);
    row.label->setObjectName(q("label_" + spec.name));
    row.label->setToolTip(row.editor->toolTip());
    row.label->setBuddy(row.editor);
    layout_->addRow(row.label, cell);
    setEditorValue(row, spec.defaultValue);
    rows_.emplace(spec.name, row);
}

void ConfigForm::setSchema(const ConfigSchema& schema, const std::set<std::string>& external) {
    while (layout_->rowCount() > 0) layout_->removeRow(0);  // deletes the rows' widgets and the Advanced button
    rows_.clear();
    // One form, so that the labels of both parts line up: the usual fields, the Advanced button, the others.
    std::vector<FieldSpec> advanced;
    for (const FieldSpec& spec : schema.fields()) {
        if (external.count(spec.name)) continue;
        if (spec.advanced) advanced.push_back(spec);
        else addRow(spec);
    }
    advancedToggle_ = new QToolButton(this);
    advancedToggle_->setObjectName(QStringLiteral("advancedToggle"));
    advancedToggle_->setText(tr("Advanced"));
    advancedToggle_->setToolTip(tr("Show the settings that are rarely changed"));
    advancedToggle_->setCheckable(true);
    advancedToggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    advancedToggle_->setArrowType(Qt::RightArrow);
    advancedToggle_->setAutoRaise(true);
    layout_->addRow(advancedToggle_);
    layout_->setRowVisible(advancedToggle_, !advanced.empty());
    for (const FieldSpec& spec : advanced) {
        addRow(spec);
        layout_->setRowVisible(rows_.at(spec.name).label, false);
    }
    connect(advancedToggle_, &QToolButton::toggled, this, [this](bool open) {
        advancedToggle_->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        for (const auto& [name, row] : rows_)
            if (row.spec.advanced) layout_->setRowVisible(row.label, open);
    });
}

void ConfigForm::setEditorValue(const Row& row, const nlohmann::json& value) {
    if (auto* box = qobject_cast<QCheckBox*>(row.editor)) {
        box->setChecked(value.is_boolean() && value.get<bool>());
    } else if (auto* combo = qobject_cast<QComboBox*>(row.editor)) {
        const int index = value.is_string() ? combo->findText(q(value.get<std::string>())) : -1;
        combo->setCurrentIndex(std::max(index, 0));
    } else if (auto* line = qobject_cast<QLineEdit*>(row.editor)) {
        line->setText(value.is_null() ? QString() : value.is_string() ? q(value.get<std::string>()) : q(value.dump()));
    }
}

void ConfigForm::setValues(const nlohmann::json& params) {
    if (!params.is_object()) return;
    for (const auto& [name, value] : params.items()) {
        auto it = rows_.find(name);
        if (it != rows_.end()) setEditorValue(it->second, value);
    }
}

std::optional<nlohmann::json> ConfigForm::editorValue(const Row& row) const {
    if (auto* box = qobject_cast<QCheckBox*>(row.editor)) return nlohmann::json(box->isChecked());
    if (auto* combo = qobject_cast<QComboBox*>(row.editor)) return nlohmann::json(combo->currentText().toStdString());
    const QString text = qobject_cast<QLineEdit*>(row.editor)->text();
    if (text.trimmed().isEmpty() && row.spec.type != Type::String) return std::nullopt;
    switch (row.spec.type) {
    case Type::Integer:
    case Type::Number: return parseNumber(text.trimmed(), row.spec.type);
    case Type::Array:
    case Type::Object: {
        nlohmann::json parsed = nlohmann::json::parse(text.toStdString(), nullptr, false);
        return parsed.is_discarded() ? nlohmann::json(text.toStdString()) : parsed;
    }
    default: return nlohmann::json(text.toStdString());
    }
}

nlohmann::json ConfigForm::values() const {
    nlohmann::json values = nlohmann::json::object();
    for (const auto& [name, row] : rows_)
        if (std::optional<nlohmann::json> value = editorValue(row)) values[name] = *value;
    return values;
}

bool ConfigForm::validate() {
    bool valid = true;
    for (auto& [name, row] : rows_) {
        nlohmann::json single = nlohmann::json::object();
        if (std::optional<nlohmann::json> value = editorValue(row)) single[name] = *value;
        try {
            ConfigSchema({row.spec}).apply(single);
            row.error->clear();
            row.error->setVisible(false);
        } catch (const ConfigError& e) {
            row.error->setText(QString::fromStdString(e.what()));
            row.error->setVisible(true);
            if (row.spec.advanced) advancedToggle_->setChecked(true);  // an error must not hide in the fold
            valid = false;
        }
    }
    return valid;
}

QWidget* ConfigForm::editor(const std::string& field) const {
    auto it = rows_.find(field);
    return it == rows_.end() ? nullptr : it->second.editor;
}

QLabel* ConfigForm::errorLabel(const std::string& field) const {
    auto it = rows_.find(field);
    return it == rows_.end() ? nullptr : it->second.error;
}

QLabel* ConfigForm::label(const std::string& field) const {
    auto it = rows_.find(field);
    return it == rows_.end() ? nullptr : it->second.label;
}

bool ConfigForm::isAdvanced(const std::string& field) const {
    auto it = rows_.find(field);
    return it != rows_.end() && it->second.spec.advanced;
}

}  // namespace redit::gui
