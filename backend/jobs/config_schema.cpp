#include "jobs/config_schema.h"

#include <algorithm>
#include <cmath>

#include "util/error.h"

namespace redit {

namespace {

bool hasType(const nlohmann::json& v, FieldSpec::Type type) {
    switch (type) {
        case FieldSpec::Type::Integer:
            // Whole floats such as 3.0 count; bounded so the conversion to an integer is exact.
            return v.is_number_integer() || (v.is_number_float() && std::nearbyint(v.get<double>()) == v.get<double>() &&
                                             std::abs(v.get<double>()) < 9.0e15);
        case FieldSpec::Type::Number: return v.is_number();
        case FieldSpec::Type::String: return v.is_string();
        case FieldSpec::Type::Boolean: return v.is_boolean();
        case FieldSpec::Type::Array: return v.is_array();
        case FieldSpec::Type::Object: return v.is_object();
    }
    return false;
}

std::string number(double v) {
    nlohmann::json j = v;
    if (std::nearbyint(v) == v && std::abs(v) < 1e15) j = static_cast<long long>(v);
    return j.dump();
}

[[noreturn]] void fail(const FieldSpec& f, const std::string& problem) {
    throw ConfigError("config field '" + f.name + "' " + problem);
}

void checkValue(const FieldSpec& f, const nlohmann::json& v) {
    if (!hasType(v, f.type)) fail(f, std::string("must be ") + toString(f.type) + " (got " + v.dump() + ")");
    if (f.type == FieldSpec::Type::Integer || f.type == FieldSpec::Type::Number) {
        double x = v.get<double>();
        if (!std::isfinite(x)) fail(f, "must be a finite number");
        bool low = f.minimum && x < *f.minimum, high = f.maximum && x > *f.maximum;
        if (low || high) {
            std::string range = f.minimum && f.maximum ? "between " + number(*f.minimum) + " and " + number(*f.maximum)
                                : f.minimum        ? "at least " + number(*f.minimum)
                                                   : "at most " + number(*f.maximum);
            fail(f, "must be " + range + " (got " + v.dump() + ")");
        }
    }
    if (f.type == FieldSpec::Type::String && !f.allowed.empty() &&
        std::find(f.allowed.begin(), f.allowed.end(), v.get<std::string>()) == f.allowed.end()) {
        std::string list;
        for (const auto& a : f.allowed) list += (list.empty() ? "" : ", ") + a;
        fail(f, "must be one of " + list + " (got " + v.dump() + ")");
    }
}

}  // namespace

const char* toString(FieldSpec::Type type) {
    switch (type) {
        case FieldSpec::Type::Integer: return "an integer";
        case FieldSpec::Type::Number: return "a number";
        case FieldSpec::Type::String: return "a string";
        case FieldSpec::Type::Boolean: return "true or false";
        case FieldSpec::Type::Array: return "an array";
        case FieldSpec::Type::Object: return "an object";
    }
    return "a value";
}

nlohmann::json ConfigSchema::apply(const nlohmann::json& config) const {
    if (!config.is_object()) throw ConfigError("config must be a JSON object (got " + config.dump() + ")");
    for (const auto& item : config.items()) {
        const std::string& key = item.key();  // not a structured binding: C++17 lambdas cannot capture one (clang)
        if (std::none_of(fields_.begin(), fields_.end(), [&](const FieldSpec& f) { return f.name == key; }))
            throw ConfigError("config field '" + key + "' is not a known field");
    }
    nlohmann::json filled = nlohmann::json::object();
    for (const FieldSpec& f : fields_) {
        if (config.contains(f.name)) {
            checkValue(f, config.at(f.name));
            filled[f.name] = f.type == FieldSpec::Type::Integer ? nlohmann::json(config.at(f.name).get<long long>())
                                                                 : config.at(f.name);
        } else if (f.defaultValue.is_null()) {
            fail(f, "is missing");
        } else {
            filled[f.name] = f.defaultValue;
        }
    }
    return filled;
}

nlohmann::json ConfigSchema::defaults() const {
    nlohmann::json d = nlohmann::json::object();
    for (const FieldSpec& f : fields_)
        if (!f.defaultValue.is_null()) d[f.name] = f.defaultValue;
    return d;
}

ConfigSchema& ConfigSchema::present(const std::vector<FieldPresentation>& presentations) {
    for (const FieldPresentation& p : presentations) {
        auto field = std::find_if(fields_.begin(), fields_.end(), [&](const FieldSpec& f) { return f.name == p.name; });
        if (field == fields_.end()) throw ConfigError("config field '" + p.name + "' is not a field of the schema");
        field->label = p.label;
        field->unit = p.unit;
        field->advanced = p.advanced;
    }
    return *this;
}

nlohmann::json ConfigSchema::describe() const {
    nlohmann::json list = nlohmann::json::array();
    for (const FieldSpec& f : fields_) {
        nlohmann::json d = {{"name", f.name}, {"type", toString(f.type)}, {"description", f.description},
                            {"default", f.defaultValue}, {"label", f.label.empty() ? f.name : f.label},
                            {"advanced", f.advanced}};
        if (!f.unit.empty()) d["unit"] = f.unit;
        if (f.minimum) d["minimum"] = *f.minimum;
        if (f.maximum) d["maximum"] = *f.maximum;
        if (!f.allowed.empty()) d["allowed"] = f.allowed;
        list.push_back(d);
    }
    return list;
}

}  // namespace redit
