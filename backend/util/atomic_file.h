#pragma once
// Writing a file so that a crash or a full disk never leaves it half written: the content goes to
// `path.tmp`, which replaces `path` only once it is complete.
#include <functional>
#include <ostream>
#include <string>

namespace redit {

// FileError naming `path` when the temporary file cannot be opened, the write fails (a full disk) or the
// rename fails; the temporary file is removed then and `path` keeps its old content.
void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write);

}  // namespace redit
