#include "model/tokenizer_decoder.h"

#include "model/tokenizer_byte_level.h"
#include "model/tokenizer_utf8.h"
#include "util/error.h"
#include "util/json_file.h"

namespace redit::tok {

Decoder Decoder::parse(const nlohmann::json& json, const std::string& file, const std::string& where) {
    Decoder decoder;
    if (json.is_null()) return decoder;
    const std::string type = JsonFields(json, file, where).requiredString("type");
    if (type != "ByteLevel") {
        throw FileError(file, where + ": decoder type '" + type + "' is not supported (supported: ByteLevel, null)");
    }
    decoder.byteLevel_ = true;
    return decoder;
}

std::string Decoder::decode(const std::vector<const std::string*>& tokens) const {
    std::string bytes;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (!byteLevel_) {
            if (i > 0) bytes += ' ';
            bytes += *tokens[i];
        } else if (!ByteLevelMap::instance().decode(*tokens[i], bytes)) {
            bytes += *tokens[i];  // not a byte-level string (an added token such as "<|im_start|>"): as written
        }
    }
    return toValidUtf8(bytes);
}

}  // namespace redit::tok
