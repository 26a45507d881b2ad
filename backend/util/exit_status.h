#pragma once
// The exit statuses of `redit`, shared by the CLI and by the code that starts `redit` child processes.

namespace redit {

// The command failed on its inputs: a redit::Error (a config, data or file error), its message on stderr.
// Running the same command again fails the same way.
constexpr int kExitInputError = 1;

// Any other exception (out of memory, a library's own error).
constexpr int kExitInternalError = 2;

}  // namespace redit
