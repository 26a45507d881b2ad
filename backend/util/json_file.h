#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "util/error.h"

namespace redit {

// Reads and parses a JSON file. A missing file or a syntax error becomes a FileError naming the file
// (and the byte offset of the syntax error).
nlohmann::json readJsonFile(const std::string& path);

// Writes JSON atomically (temporary file, then rename), so a crash never leaves a half-written file.
void writeJsonFile(const std::string& path, const nlohmann::json& value, int indent = 2);

// Typed access to fields of a JSON object with errors that name the file and the field.
class JsonFields {
public:
    JsonFields(const nlohmann::json& object, std::string file, std::string context = {});

    bool has(const std::string& key) const;
    const nlohmann::json& at(const std::string& key) const;  // required, any type

    std::string requiredString(const std::string& key) const;
    long long requiredInt(const std::string& key) const;
    long long requiredPositiveInt(const std::string& key) const;
    double requiredNumber(const std::string& key) const;
    bool requiredBool(const std::string& key) const;

    std::string optionalString(const std::string& key, const std::string& fallback) const;
    long long optionalInt(const std::string& key, long long fallback) const;
    long long optionalPositiveInt(const std::string& key, long long fallback) const;
    double optionalNumber(const std::string& key, double fallback) const;
    bool optionalBool(const std::string& key, bool fallback) const;

    // An error about this object's field, e.g. "config.json: field 'x' ...".
    [[noreturn]] void fail(const std::string& key, const std::string& problem) const;
    const std::string& file() const { return file_; }

private:
    const nlohmann::json& object_;
    std::string file_;
    std::string context_;
};

}  // namespace redit
