#include "util/json_file.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "util/atomic_file.h"

namespace redit {

namespace {
// The largest JSON file read (config.json, tokenizer.json, shard indexes, run configs): several times the
// largest published tokenizer.json (about 35 MB), small enough that parsing it cannot exhaust memory.
constexpr std::uintmax_t kMaxJsonFileBytes = 256ull << 20;
}  // namespace

nlohmann::json readJsonFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FileError(path, "cannot open for reading");
    std::error_code ec;
    const std::uintmax_t bytes = std::filesystem::file_size(path, ec);
    if (!ec && bytes > kMaxJsonFileBytes)
        throw FileError(path, "is " + std::to_string(bytes) + " bytes, more than the " + std::to_string(kMaxJsonFileBytes) +
                                  " bytes a JSON file may have here");
    std::stringstream buffer;
    buffer << in.rdbuf();
    try {
        return nlohmann::json::parse(buffer.str());
    } catch (const nlohmann::json::parse_error& e) {
        throw FileError(path, "not valid JSON (byte " + std::to_string(e.byte) + ")");
    } catch (const nlohmann::json::out_of_range&) {  // found by fuzzing: 1e999 escaped as another exception
        throw FileError(path, "not valid JSON (a number is out of range)");
    }
}

void writeJsonFile(const std::string& path, const nlohmann::json& value, int indent) {
    writeFileAtomically(path, [&](std::ostream& out) { out << value.dump(indent) << '\n'; });
}

JsonFields::JsonFields(const nlohmann::json& object, std::string file, std::string context)
    : object_(object), file_(std::move(file)), context_(std::move(context)) {
    if (!object_.is_object()) {
        throw FileError(file_, (context_.empty() ? std::string("top level") : context_) + " must be a JSON object");
    }
}

void JsonFields::fail(const std::string& key, const std::string& problem) const {
    std::string where = context_.empty() ? "field '" + key + "'" : context_ + ": field '" + key + "'";
    throw FileError(file_, where + " " + problem);
}

bool JsonFields::has(const std::string& key) const {
    auto it = object_.find(key);
    return it != object_.end() && !it->is_null();
}

const nlohmann::json& JsonFields::at(const std::string& key) const {
    if (!has(key)) fail(key, "is missing");
    return object_.at(key);
}

std::string JsonFields::requiredString(const std::string& key) const {
    const auto& v = at(key);
    if (!v.is_string()) fail(key, "must be a string");
    return v.get<std::string>();
}

long long JsonFields::requiredInt(const std::string& key) const {
    const auto& v = at(key);
    if (!v.is_number_integer()) fail(key, "must be an integer");
    return v.get<long long>();
}

long long JsonFields::requiredPositiveInt(const std::string& key) const {
    long long v = requiredInt(key);
    if (v <= 0) fail(key, "must be a positive integer (got " + std::to_string(v) + ")");
    return v;
}

double JsonFields::requiredNumber(const std::string& key) const {
    const auto& v = at(key);
    if (!v.is_number()) fail(key, "must be a number");
    return v.get<double>();
}

bool JsonFields::requiredBool(const std::string& key) const {
    const auto& v = at(key);
    if (!v.is_boolean()) fail(key, "must be true or false");
    return v.get<bool>();
}

std::string JsonFields::optionalString(const std::string& key, const std::string& fallback) const {
    return has(key) ? requiredString(key) : fallback;
}

long long JsonFields::optionalInt(const std::string& key, long long fallback) const {
    return has(key) ? requiredInt(key) : fallback;
}

long long JsonFields::optionalPositiveInt(const std::string& key, long long fallback) const {
    return has(key) ? requiredPositiveInt(key) : fallback;
}

double JsonFields::optionalNumber(const std::string& key, double fallback) const {
    return has(key) ? requiredNumber(key) : fallback;
}

bool JsonFields::optionalBool(const std::string& key, bool fallback) const {
    return has(key) ? requiredBool(key) : fallback;
}

}  // namespace redit
