#include "data/dataset_export.h"

#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "util/error.h"

namespace redit::data {

std::size_t writeInstancesJsonl(const std::vector<Pattern>& patterns, const std::string& path) {
    const std::string tmp = path + ".tmp";
    std::size_t lines = 0;
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw FileError(path, "cannot open for writing");
        for (const Pattern& p : patterns)
            for (const Instance& inst : p.instances) {
                nlohmann::json line = {{"pattern", p.id}, {"domain", inst.domain}, {"sub_topic", inst.subTopic},
                                       {"text", inst.text}, {"label", truthName(inst.label)}};
                out << line.dump() << '\n';
                ++lines;
            }
        if (!out.flush()) throw FileError(path, "write failed");
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) throw FileError(path, "cannot replace file");
    return lines;
}

}  // namespace redit::data
