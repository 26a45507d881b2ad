#include "store/store_error.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

namespace redit {

FileError projectFileError(const std::string& path, const std::string& action, const std::exception& e) {
    if (const auto* file = dynamic_cast<const FileError*>(&e)) return *file;
    const auto* sqlite = dynamic_cast<const SQLite::Exception*>(&e);
    if (!sqlite) return FileError(path, action + ": " + e.what());
    std::string why;
    switch (sqlite->getErrorCode() & 0xff) {  // the primary code of an extended one
        case SQLITE_FULL: why = "the disk is full"; break;
        case SQLITE_READONLY: why = "the file or its folder is read-only"; break;
        case SQLITE_CANTOPEN: why = "the file or its folder cannot be opened for writing"; break;
        case SQLITE_IOERR: why = "the disk reported an I/O error"; break;
        case SQLITE_CORRUPT: case SQLITE_NOTADB: why = "the file is damaged"; break;
        default: return FileError(path, action + ": " + e.what());
    }
    return FileError(path, action + ": " + why + " (" + e.what() + ")");
}

}  // namespace redit
