#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

struct UNormalizer2;

namespace redit::tok {

// The `normalizer` of tokenizer.json: null, a Unicode normal form (NFC, NFD, NFKC, NFKD, through ICU) or a
// Sequence of those.
class Normalizer {
public:
    // Throws FileError naming the file, `where` and the problem (e.g. an unsupported type).
    static Normalizer parse(const nlohmann::json& json, const std::string& file, const std::string& where);

    // Valid UTF-8 in, valid UTF-8 out.
    std::string apply(std::string_view text) const;

private:
    std::vector<const UNormalizer2*> forms_;  // ICU-owned singletons
};

}  // namespace redit::tok
