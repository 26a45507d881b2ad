#pragma once
#include <exception>
#include <string>

#include "util/error.h"

namespace redit {

// A failed SQLite call on the project at `path` as a FileError naming the file and saying in words what
// went wrong where it is something the user can act on (a full disk, a read-only file or folder, an I/O
// error), with SQLite's own message after it. Any other exception keeps its message.
FileError projectFileError(const std::string& path, const std::string& action, const std::exception& e);

}  // namespace redit
