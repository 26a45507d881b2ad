// `redit data list|show|export`: browse and export the patterns of a dataset spec.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>

#include "cli/commands.h"
#include "cli/terminal_table.h"
#include "data/dataset_export.h"
#include "data/dataset_spec.h"
#include "util/error.h"

namespace redit::cli {

namespace {

using namespace redit::data;

// Abductive texts start with a blank line, as in the ContextHub files.
std::string withoutLeadingBlankLines(const std::string& text) {
    const std::size_t start = text.find_first_not_of('\n');
    return start == std::string::npos ? std::string() : text.substr(start);
}

std::string firstLine(const std::string& text) {
    const std::string trimmed = withoutLeadingBlankLines(text);
    return trimmed.substr(0, trimmed.find('\n'));
}

void listPatterns(const std::string& spec) {
    std::vector<Pattern> patterns = loadDataset(spec);
    TerminalTable table({"id", "level", "kind", "label", "instances", "first line"});
    for (const Pattern& p : patterns)
        table.addRow({p.id, std::to_string(p.level), kindName(p.kind), truthName(p.label), std::to_string(p.instances.size()),
                      firstLine(p.text)});
    table.print(std::cout);
    std::cout << patterns.size() << " patterns\n";
}

void showPattern(const std::string& spec, const std::string& id, std::size_t instances) {
    std::vector<Pattern> patterns = loadDataset(spec);
    auto it = std::find_if(patterns.begin(), patterns.end(), [&](const Pattern& p) { return p.id == id; });
    if (it == patterns.end()) throw ConfigError("no pattern '" + id + "' in " + spec + " (see `redit data list`)");
    printFields(std::cout, {{"id", it->id},
                            {"kind", kindName(it->kind)},
                            {"level", std::to_string(it->level)},
                            {"label", truthName(it->label)},
                            {"instances", std::to_string(it->instances.size())}});
    std::cout << "\n" << withoutLeadingBlankLines(it->text) << "\n";
    for (std::size_t i = 0; i < std::min(instances, it->instances.size()); ++i) {
        const Instance& inst = it->instances[i];
        std::cout << "\n[" << (inst.domain.empty() ? "no domain" : inst.domain)
                  << (inst.subTopic.empty() ? "" : " / " + inst.subTopic) << "] label " << truthName(inst.label) << "\n"
                  << inst.text << "\n";
    }
}

void exportInstances(const std::string& spec, const std::string& out) {
    const std::size_t lines = writeInstancesJsonl(loadDataset(spec), out);
    std::cout << "wrote " << lines << " instances to " << out << "\n";
}

}  // namespace

void addDataCommands(CLI::App& app) {
    CLI::App* data = app.add_subcommand("data", "Browse and export logic datasets (contexthub:... or synthetic:...)");
    data->require_subcommand(1);
    const std::string specHelp = "contexthub:FOLDER[:deductive|abductive][:levelN] or "
                                 "synthetic:KIND:levelN[:n=N][:seed=S][:per_domain=K][:first=F]";

    auto listSpec = std::make_shared<std::string>();
    CLI::App* list = data->add_subcommand("list", "Patterns: id, level, kind, label, instance count, first line");
    list->add_option("spec", *listSpec, specHelp)->required();
    list->callback([listSpec] { listPatterns(*listSpec); });

    auto showSpec = std::make_shared<std::string>();
    auto showId = std::make_shared<std::string>();
    auto showCount = std::make_shared<std::size_t>(3);
    CLI::App* show = data->add_subcommand("show", "One pattern: abstract text and its first instances");
    show->add_option("spec", *showSpec, specHelp)->required();
    show->add_option("pattern", *showId, "Pattern id, e.g. d1-03 or sd1-03")->required();
    show->add_option("--instances", *showCount, "Instances to print")->capture_default_str();
    show->callback([showSpec, showId, showCount] { showPattern(*showSpec, *showId, *showCount); });

    auto exportSpec = std::make_shared<std::string>();
    auto exportOut = std::make_shared<std::string>();
    CLI::App* exp = data->add_subcommand("export", "One JSON line per instance: pattern, domain, sub_topic, text, label");
    exp->add_option("spec", *exportSpec, specHelp)->required();
    exp->add_option("--out", *exportOut, "Output .jsonl file")->required();
    exp->callback([exportSpec, exportOut] { exportInstances(*exportSpec, *exportOut); });
}

}  // namespace redit::cli
