#pragma once
#include <stdexcept>
#include <string>

namespace redit {

// Base of every error the backend reports to users. The message is complete and readable as is.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// An error about one input file. The message always starts with the file's path, then says what is wrong,
// e.g. "model/config.json: field 'num_attention_heads' must be a positive integer".
class FileError : public Error {
public:
    FileError(std::string path, std::string problem);
    const std::string& path() const { return path_; }
    const std::string& problem() const { return problem_; }

private:
    std::string path_;
    std::string problem_;
};

// A configuration that cannot be run (bad option values, incompatible settings).
class ConfigError : public Error {
public:
    using Error::Error;
};

}  // namespace redit
