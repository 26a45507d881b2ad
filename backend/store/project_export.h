#pragma once
#include <ostream>
#include <string>

namespace redit {

class ProjectStore;

enum class ExportWhat { Runs, Metrics, Results };
enum class ExportFormat { Csv, Json };

// Writes every run, metric point or result row of the project as CSV (RFC 4180 quoting, one header row)
// or as a JSON array of objects. Result rows keep their JSON data in one column ("data").
void exportProject(const ProjectStore& store, ExportWhat what, ExportFormat format, std::ostream& out);

// Parses "runs|metrics|results" and "csv|json"; ConfigError naming the option otherwise.
ExportWhat parseExportWhat(const std::string& text);
ExportFormat parseExportFormat(const std::string& text);

}  // namespace redit
