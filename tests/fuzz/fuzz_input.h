#pragma once
// Helpers of the libFuzzer targets (scripts/fuzz.sh) and of their corpus replay (ctest fuzz_replay_*).
#include <sys/stat.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

namespace redit::fuzz {

// The readers under test take paths: the input is written to a file of this process (in /dev/shm when there
// is one, so that a run costs no disk writes).
inline std::string writeInput(const std::uint8_t* data, std::size_t size, const std::string& name) {
    static const std::string dir = [] {
        const std::string base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        const std::string d = base + "/redit-fuzz-" + std::to_string(getpid());
        mkdir(d.c_str(), 0700);
        return d;
    }();
    const std::string path = dir + "/" + name;
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), std::streamsize(size));
    return path;
}

}  // namespace redit::fuzz
