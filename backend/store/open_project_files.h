#pragma once
// The project files this process has SQLite connections to. POSIX advisory locks belong to the process, and
// closing *any* descriptor of a file drops all of them: a raw read of an open project (an ifstream, or an
// immutable SQLite connection, which closes without SQLite's own bookkeeping) would leave the process's
// connections unlocked, and another process closing its connection would then take itself for the last one
// and checkpoint and delete the log under them (sqlite.org/howtocorrupt.html, section 2.2). The project probe
// asks here first and, for a file open in this process, reads it only through locking SQLite connections.
#include <memory>
#include <string>

namespace redit::store {

// Registers `path` (by device and inode, so any spelling of the path matches) as open until the returned
// token is destroyed. A file that cannot be looked at is not registered.
std::shared_ptr<void> registerOpenProjectFile(const std::string& path);

// Whether some connection of this process holds `path` open.
bool isProjectFileOpenHere(const std::string& path);

}  // namespace redit::store
