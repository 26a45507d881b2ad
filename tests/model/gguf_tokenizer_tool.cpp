// Hand-run helper for scripts/reference/tokenizer_parity.py (not a test):
//   gguf_tokenizer_tool METADATA.json TOKENIZER_OUT.json [STRINGS.json IDS_OUT.json]
// builds tokenizer.json from a GGUF tokenizer metadata dump with tokenizerJsonFromGguf and, given a JSON list
// of strings, writes our Tokenizer's ids for each (a JSON list of lists).
#include <fstream>
#include <iostream>

#include "gguf_metadata_dump.h"
#include "model/tokenizer.h"
#include "util/json_file.h"

int main(int argc, char** argv) {
    if (argc != 3 && argc != 5) {
        std::cerr << "usage: " << argv[0] << " METADATA.json TOKENIZER_OUT.json [STRINGS.json IDS_OUT.json]\n";
        return 2;
    }
    try {
        const nlohmann::json tokenizerJson = redit::tokenizerJsonFromGguf(
            redit::testing::ggufMetadataFromDump(redit::readJsonFile(argv[1]), argv[1]), argv[1]);
        std::ofstream(argv[2]) << tokenizerJson.dump();
        if (argc == 5) {
            const redit::Tokenizer tokenizer = redit::Tokenizer::fromJson(tokenizerJson, argv[2]);
            nlohmann::json ids = nlohmann::json::array();
            for (const auto& text : redit::readJsonFile(argv[3])) ids.push_back(tokenizer.encode(text.get<std::string>()));
            std::ofstream(argv[4]) << ids.dump();
        }
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
    return 0;
}
