#include "util/error.h"

namespace redit {

FileError::FileError(std::string path, std::string problem)
    : Error(path + ": " + problem), path_(std::move(path)), problem_(std::move(problem)) {}

}  // namespace redit
