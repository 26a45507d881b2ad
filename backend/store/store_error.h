#pragma once
#include <exception>
#include <string>

#include "util/error.h"

namespace redit {

// Thrown by ProjectStore::open for writing when the project's file or folder is read-only (it can still be
// opened read-only).
class ReadOnlyProjectError : public FileError {
public:
    using FileError::FileError;
};

// A failed SQLite call on the project at `path` as a FileError naming the file and saying in words what
// went wrong where it is something the user can act on (a full disk, a read-only file or folder, an I/O
// error), with SQLite's own message after it. Any other exception keeps its message.
FileError projectFileError(const std::string& path, const std::string& action, const std::exception& e);

}  // namespace redit
