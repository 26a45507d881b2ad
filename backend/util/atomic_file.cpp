#include "util/atomic_file.h"

#include <cstdio>
#include <fstream>

#include "util/error.h"

namespace redit {

void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw FileError(path, "cannot open '" + tmp + "' for writing");
        write(out);
        if (!out.flush()) {
            out.close();
            std::remove(tmp.c_str());
            throw FileError(path, "write failed (disk full?)");
        }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        throw FileError(path, "cannot replace file");
    }
}

}  // namespace redit
