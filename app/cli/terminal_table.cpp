#include "cli/terminal_table.h"

#include <algorithm>
#include <iomanip>

namespace redit::cli {

TerminalTable::TerminalTable(std::vector<std::string> header) : header_(std::move(header)) {}

void TerminalTable::addRow(std::vector<std::string> row) {
    row.resize(header_.size());
    rows_.push_back(std::move(row));
}

void TerminalTable::print(std::ostream& out) const {
    std::vector<size_t> width(header_.size());
    for (size_t c = 0; c < header_.size(); ++c) width[c] = header_[c].size();
    for (const auto& row : rows_)
        for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
    auto line = [&](const std::vector<std::string>& cells) {
        for (size_t c = 0; c < cells.size(); ++c) {
            out << std::left << std::setw(static_cast<int>(width[c])) << cells[c];
            out << (c + 1 < cells.size() ? "  " : "\n");
        }
    };
    line(header_);
    std::vector<std::string> rule;
    for (size_t w : width) rule.emplace_back(w, '-');
    line(rule);
    for (const auto& row : rows_) line(row);
}

void printFields(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& fields) {
    size_t width = 0;
    for (const auto& f : fields) width = std::max(width, f.first.size());
    for (const auto& f : fields)
        out << std::left << std::setw(static_cast<int>(width + 1)) << (f.first + ":") << ' ' << f.second << '\n';
}

}  // namespace redit::cli
