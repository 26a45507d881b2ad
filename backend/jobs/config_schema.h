#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace redit {

// A small description of a stage's configuration: one FieldSpec per field.
struct FieldSpec {
    enum class Type { Integer, Number, String, Boolean, Array, Object };

    std::string name;
    Type type = Type::Number;
    std::string description;
    nlohmann::json defaultValue;                // null: the field is required
    std::optional<double> minimum, maximum;     // inclusive, for Integer and Number
    std::vector<std::string> allowed;           // for String: the value must be one of these (when not empty)
    // How front ends present the field (the GUI's form, the CLI's help): a human label ("Pairs per pattern";
    // empty: the name), the unit of a number ("MiB"), and whether it is rarely changed (the GUI folds it
    // under "Advanced").
    std::string label = {};
    std::string unit = {};
    bool advanced = false;
};

// The presentation of one field, for ConfigSchema::present.
struct FieldPresentation {
    std::string name;
    std::string label;
    std::string unit = {};
    bool advanced = false;
};

class ConfigSchema {
public:
    ConfigSchema() = default;
    explicit ConfigSchema(std::vector<FieldSpec> fields) : fields_(std::move(fields)) {}

    // Checks `config` (a JSON object) and returns it with defaults filled in. ConfigError naming the field
    // for a missing required field, a wrong type, a value out of range or not allowed, or an unknown field.
    nlohmann::json apply(const nlohmann::json& config) const;

    // The defaults of every optional field.
    nlohmann::json defaults() const;
    const std::vector<FieldSpec>& fields() const { return fields_; }
    // Sets the label, unit and advanced flag of the named fields; ConfigError for a name the schema lacks.
    ConfigSchema& present(const std::vector<FieldPresentation>& presentations);
    // A JSON description of the fields (for the GUI's forms and `redit` help).
    nlohmann::json describe() const;

private:
    std::vector<FieldSpec> fields_;
};

const char* toString(FieldSpec::Type type);

}  // namespace redit
