#pragma once
#include <vector>

#include <SQLiteCpp/Statement.h>

namespace redit {

// Binds bytes as a BLOB without copying them (they must outlive the statement's execution). An empty
// vector becomes a zero-length BLOB, not NULL.
inline void bindBlob(SQLite::Statement& s, int index, const std::vector<unsigned char>& bytes) {
    static const unsigned char kEmpty = 0;
    s.bindNoCopy(index, bytes.empty() ? &kEmpty : bytes.data(), int(bytes.size()));
}

}  // namespace redit
