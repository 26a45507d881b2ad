#pragma once
// Short forms of the FieldSpecs a stage's ConfigSchema is made of (one set for every stage).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "jobs/config_schema.h"

namespace redit::schema {

// Any field: a null value makes it required.
inline FieldSpec field(const std::string& name, FieldSpec::Type type, const std::string& description, nlohmann::json value,
                       std::optional<double> minimum = std::nullopt, std::optional<double> maximum = std::nullopt) {
    return {name, type, description, std::move(value), minimum, maximum, {}};
}

// A required string (a model folder, a dataset spec).
inline FieldSpec required(const std::string& name, const std::string& description) {
    return field(name, FieldSpec::Type::String, description, nullptr);
}

inline FieldSpec integer(const std::string& name, const std::string& description, int64_t value, double minimum) {
    return field(name, FieldSpec::Type::Integer, description, value, minimum);
}

inline FieldSpec number(const std::string& name, const std::string& description, double value, double minimum) {
    return field(name, FieldSpec::Type::Number, description, value, minimum);
}

}  // namespace redit::schema
