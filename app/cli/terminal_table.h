#pragma once
#include <ostream>
#include <string>
#include <vector>

namespace redit::cli {

// A plain-text table with aligned columns, for terminal output.
class TerminalTable {
public:
    explicit TerminalTable(std::vector<std::string> header);
    void addRow(std::vector<std::string> row);
    void print(std::ostream& out) const;

private:
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
};

// Two-column "key: value" listing.
void printFields(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace redit::cli
