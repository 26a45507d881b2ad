// `redit circuits|distances|interference|law` (the circuit-interference pipeline over a project, each a run
// of the job-engine stage of the same name) and `redit circuit export`.
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "circuits/circuit_export.h"
#include "cli/commands.h"
#include "cli/run_to_end.h"
#include "jobs/stage_registry.h"
#include "cli/progress_bar.h"
#include "cli/terminal_table.h"
#include "data/dataset_spec.h"
#include "analysis/law_fit.h"
#include "analysis/pattern_distances.h"
#include "results/circuit_records.h"
#include "results/law_records.h"
#include "results/run_records.h"
#include "circuits/score_matrix_csv.h"
#include "store/project_store.h"
#include "store/results.h"
#include "store/runs.h"
#include "util/error.h"
#include "util/torch_runtime.h"

namespace redit::cli {

namespace {

using namespace redit::analysis;
using namespace redit::results;

std::string fixed(double v, int digits = 4) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", digits, v);
    return text;
}

std::string scientific(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", v);
    return text;
}

ProjectStore openOrCreate(const std::string& path) {
    return std::filesystem::exists(path) ? ProjectStore::open(path) : ProjectStore::create(path);
}

// A path given on the command line is relative to the working directory: made absolute before it becomes a
// run param (run params are relative to the project file's folder).
std::string fromWorkingDirectory(const std::string& path) {
    return std::filesystem::absolute(path).lexically_normal().string();
}

// What every analysis command submits: the stage's params as the flags set them (the rest are the stage's
// defaults, filled in by submitRun), the run's seed and device.
struct StageCommand {
    std::string project;
    nlohmann::json params = nlohmann::json::object();
    uint64_t seed = 0;
    std::string device = "cpu";
    int threads = 0;

    nlohmann::json request(const std::string& kind, const std::string& name) const {
        return {{"kind", kind}, {"name", name}, {"seed", seed}, {"device", device}, {"params", params}};
    }
};

// One comma-separated item of an array option as the JSON value it spells: "24" an integer, "0.2" a number,
// "true" a boolean, anything else ("layers.24.") a string.
nlohmann::json arrayItem(const std::string& item) {
    nlohmann::json value = nlohmann::json::parse(item, nullptr, /*allow_exceptions=*/false);
    if (value.is_number() || value.is_boolean()) return value;
    return item;
}

// Adds `--flag` for the stage's param `key`: its value becomes params[key]; the help gives the schema's label and
// unit, the key and the stage's default, so the CLI has no defaults of its own.
void stageOption(CLI::App* command, const std::shared_ptr<StageCommand>& o, const std::string& kind,
                 const std::string& flag, const std::string& key, const std::string& description) {
    const StageInfo& stage = globalStageRegistry().get(kind);
    const FieldSpec* spec = nullptr;
    for (const FieldSpec& f : stage.schema.fields())
        if (f.name == key) spec = &f;
    if (!spec) throw Error("stage " + kind + " has no param " + key);
    // The schema's label and unit lead, as in the GUI's run form; `description` adds what this command means.
    const std::string help = (spec->label.empty() ? "" : spec->label + ": ") + description +
                             (spec->unit.empty() ? "" : " [" + spec->unit + "]") + " (param " + key +
                             (spec->defaultValue.is_null() ? "" : ", default " + spec->defaultValue.dump()) + ")";
    using Type = FieldSpec::Type;
    switch (spec->type) {
    case Type::Integer:
        command->add_option_function<int64_t>(flag, [o, key](const int64_t& v) { o->params[key] = v; }, help);
        break;
    case Type::Number:
        command->add_option_function<double>(flag, [o, key](const double& v) { o->params[key] = v; }, help);
        break;
    case Type::Boolean:
        command->add_flag_function(flag, [o, key](int64_t n) { o->params[key] = n > 0; }, help);
        break;
    case Type::Array:
        command->add_option_function<std::vector<std::string>>(flag, [o, key](const std::vector<std::string>& items) {
            nlohmann::json values = nlohmann::json::array();
            for (const std::string& item : items) values.push_back(arrayItem(item));
            o->params[key] = values;
        }, help)->delimiter(',');
        break;
    default:
        command->add_option_function<std::string>(flag, [o, key](const std::string& v) { o->params[key] = v; }, help);
    }
}

void runOptions(CLI::App* command, const std::shared_ptr<StageCommand>& o, const std::string& seedHelp) {
    command->add_option("--seed", o->seed, seedHelp)->capture_default_str();
    command->add_option("--device", o->device, "cpu, cuda or cuda:N (the run's device)")->capture_default_str();
    command->add_option("--threads", o->threads, "CPU threads (0 = all cores)");
}

void findCircuits(const StageCommand& o) {
    configureThreads(o.threads);
    ProjectStore store = openOrCreate(o.project);
    StageCommand c = o;
    c.params["model"] = fromWorkingDirectory(o.params.at("model").get<std::string>());
    const std::string data = c.params.at("data").get<std::string>();
    const int64_t runId = submitAndRun(store, c.request("circuits", "circuits " + data), "circuits");

    const CircuitRun circuits = loadCircuitRun(store, runId);
    const CircuitGraph graph(circuits.shape);
    TerminalTable table({"pattern", "pairs", "sum |w|", "top edge", "w"});
    for (const PatternScores& p : circuits.patterns) {
        double sum = 0;
        for (double w : p.all) sum += std::abs(w);
        const int64_t top = rankByMagnitude(p.all).front();
        const Edge e = graph.edge(top);
        table.addRow({p.patternId, std::to_string(p.pairs), fixed(sum),
                      graph.upstreamName(e.upstream) + " -> " + graph.downstreamName(e.downstream), fixed(p.all[size_t(top)])});
    }
    table.print(std::cout);
    for (const LogLine& line : runLog(store, runId))
        if (line.message.rfind("no circuit for ", 0) == 0) std::cout << line.message << '\n';
    const int64_t igSteps = loadRun(store, runId).config.at("params").at("ig_steps").get<int64_t>();
    std::cout << "circuits run " << runId << ": " << circuits.patterns.size() << " patterns, " << graph.edgeCount()
              << " edges each, " << (igSteps > 0 ? "EAP-IG " + std::to_string(igSteps) + " steps" : std::string("EAP"))
              << ", saved to " << o.project << '\n';
}

void computeDistances(const StageCommand& o) {
    ProjectStore store = ProjectStore::open(o.project);
    StageCommand c = o;
    const int64_t circuitsRun = inputRun(store, c.params.value("circuits_run", int64_t(0)), "circuits");
    c.params["circuits_run"] = circuitsRun;  // the lineage, fixed when the run is created
    const int64_t runId =
        submitAndRun(store, c.request("distances", "distances of circuits run " + std::to_string(circuitsRun)), "distances");
    const std::vector<DistanceRow> rows = loadDistanceRows(store, runId);
    const std::vector<double> budgets = loadRun(store, runId).config.at("params").at("budgets").get<std::vector<double>>();

    // Mean same-pattern (A/B halves) and cross-pattern distance per metric and budget.
    struct Means {
        double same = 0, cross = 0;
        int64_t sameCount = 0, crossCount = 0;
    };
    std::map<std::pair<std::string, double>, Means> means;
    for (const DistanceRow& r : rows) {
        Means& m = means[{r.metric, r.budget}];
        (r.samePattern() ? m.same : m.cross) += r.value;
        ++(r.samePattern() ? m.sameCount : m.crossCount);
    }
    TerminalTable table({"metric", "budget", "same-pattern mean", "cross-pattern mean", "pattern pairs"});
    for (const std::string& metric : distanceMetricNames())
        for (double budget : budgets) {
            const Means& m = means[{metric, budget}];
            table.addRow({metric, fixed(budget, 3), m.sameCount ? fixed(m.same / double(m.sameCount)) : "",
                          m.crossCount ? fixed(m.cross / double(m.crossCount)) : "", std::to_string(m.crossCount)});
        }
    table.print(std::cout);
    std::cout << "distances run " << runId << ": " << rows.size() << " distances saved to " << o.project << '\n';
}

// Edits each pattern with LoRA; the model, dataset and split seed default to the newest circuits run's.
void measureInterferenceCommand(const StageCommand& o) {
    configureThreads(o.threads);
    ProjectStore store = ProjectStore::open(o.project);
    StageCommand c = o;
    if (!c.params.contains("model") || !c.params.contains("data") || !c.params.contains("split_seed")) {
        const RunRecord circuits = loadRun(store, latestFinishedRun(store, "circuits", "circuits"));
        const nlohmann::json& from = circuits.config.contains("params") ? circuits.config.at("params") : circuits.config;
        for (const char* key : {"model", "data", "split_seed"})
            if (!c.params.contains(key) && from.contains(key)) c.params[key] = from.at(key);
    } else {
        c.params["model"] = fromWorkingDirectory(c.params.at("model").get<std::string>());
    }
    const int64_t runId =
        submitAndRun(store, c.request("interference", "interference " + c.params.value("data", std::string())), "interference");

    const InterferenceResult result = loadInterferenceRun(store, runId);
    std::vector<std::string> header{"edited \\ probed"};
    for (const auto& id : result.patterns) header.push_back(id);
    TerminalTable table(header);
    std::vector<std::string> base{"base accuracy"};
    for (double a : result.baseAccuracy) base.push_back(fixed(a, 2));
    table.addRow(base);
    for (size_t i = 0; i < result.patterns.size(); ++i) {
        std::vector<std::string> row{"delta " + result.patterns[i]};
        for (size_t j = 0; j < result.patterns.size(); ++j) row.push_back(fixed(result.delta(i, j), 2));
        table.addRow(row);
    }
    table.print(std::cout);
    std::cout << "interference run " << runId << " saved to " << o.project << '\n';
}

void fitLawCommand(const StageCommand& o, const std::string& csvOption) {
    ProjectStore store = ProjectStore::open(o.project);
    StageCommand c = o;
    const int64_t distancesRun = latestFinishedRun(store, "distances", "distances");
    const int64_t interferenceRun = latestFinishedRun(store, "interference", "interference");
    c.params["distances_run"] = distancesRun;
    c.params["interference_run"] = interferenceRun;
    const int64_t runId = submitAndRun(store, c.request("law", "law"), "law");
    InterferenceFilterOptions reference;
    if (c.params.value("reference_filter", false)) reference.dropInterferenceBelow = kReferenceDeltaFloor;
    reference.slidingWindow = c.params.value("window", int64_t(0));
    std::vector<LawRow> rows;
    for (const ResultRow& r : resultRows(store, runId, "law")) rows.push_back(lawRowFromJson(r.data));

    std::cout << "Delta ~ alpha + beta d  (distances run " << distancesRun << ", interference run " << interferenceRun
              << "; reference-figure options: " << describeReferenceFigureOptions(reference) << ")\n\n";
    TerminalTable table({"metric", "budget", "points", "n", "beta", "SE", "p", "95% CI", "r", "p(r)", "rho"});
    for (const LawRow& r : rows) {
        if (!r.problem.empty()) {
            table.addRow({r.metric, fixed(r.budget, 3), lawPointSetName(r.points), std::to_string(r.n), "no fit: " + r.problem,
                          "", "", "", "", "", ""});
            continue;
        }
        table.addRow({r.metric, fixed(r.budget, 3), lawPointSetName(r.points), std::to_string(r.n), fixed(r.fit.slope),
                      fixed(r.fit.slopeStdError), scientific(r.fit.slopeP),
                      "[" + fixed(r.fit.slope95.low) + ", " + fixed(r.fit.slope95.high) + "]", fixed(r.pearson.r, 3),
                      scientific(r.pearson.p), fixed(r.spearman.r, 3)});
    }
    table.print(std::cout);
    const std::string csv = csvOption.empty() ? std::filesystem::path(o.project).replace_extension(".law.csv").string() : csvOption;
    std::ofstream out(csv);
    out << lawCsv(rows);
    if (!out) throw FileError(csv, "cannot be written");
    std::cout << "law run " << runId << " saved to " << o.project << "; wrote " << csv << '\n';
}

struct ExportOptions {
    std::string project, pattern, format = "json", out;
    double budget = 0.05;
    int64_t circuitsRun = 0;
};

void exportCircuit(const ExportOptions& o) {
    ProjectStore store = ProjectStore::open(o.project, ProjectStore::Mode::ReadOnly);
    const int64_t circuitsRun = o.circuitsRun > 0 ? o.circuitsRun : latestFinishedRun(store, "circuits", "circuits");
    const CircuitRun circuits = loadCircuitRun(store, circuitsRun);
    const CircuitGraph graph(circuits.shape);
    const PatternScores* scores = nullptr;
    for (const PatternScores& p : circuits.patterns)
        if (p.patternId == o.pattern) scores = &p;
    if (!scores) throw ConfigError("no pattern '" + o.pattern + "' in circuits run " + std::to_string(circuitsRun));
    std::string text;
    if (o.format == "matrix") {
        text = scoreMatrixCsv(graph, scores->all);
    } else {
        const Circuit circuit = selectCircuit(graph, scores->all, {SelectionMode::TopFraction, o.budget, true});
        text = o.format == "dot" ? circuitToDot(graph, circuit) : circuitToJson(graph, circuit).dump(2) + "\n";
    }
    std::ofstream out(o.out);
    out << text;
    if (!out) throw FileError(o.out, "cannot be written");
    std::cout << "wrote " << o.out << '\n';
}

}  // namespace

void addLawCommands(CLI::App& app) {
    // Each command submits a run of the stage of the same name (stages/pipeline_stages.cpp) and runs it to its
    // end in the project: its flags set the stage's params, everything else is the stage's default.
    auto circuits = std::make_shared<StageCommand>();
    CLI::App* c = app.add_subcommand("circuits", "EAP circuit of every pattern (and of two halves of its pairs) into a project");
    c->add_option("--project", circuits->project, "Project file (created when missing)")->required();
    stageOption(c, circuits, "circuits", "--model", "model", "Model folder");
    stageOption(c, circuits, "circuits", "--data", "data", "Dataset spec, e.g. synthetic:deductive:level1");
    c->get_option("--model")->required();
    c->get_option("--data")->required();
    stageOption(c, circuits, "circuits", "--pairs", "pairs", "Clean/corrupted pairs K per pattern (train split)");
    stageOption(c, circuits, "circuits", "--ig-steps", "ig_steps", "EAP-IG steps m (0: plain EAP)");
    stageOption(c, circuits, "circuits", "--memory-mb", "memory_mb", "Working-memory budget of one EAP batch");
    stageOption(c, circuits, "circuits", "--split-seed", "split_seed", "Seed of the domain split");
    runOptions(c, circuits, "Seed of the pairs' verbalisations");
    c->callback([circuits] { findCircuits(*circuits); });

    auto distances = std::make_shared<StageCommand>();
    CLI::App* d = app.add_subcommand("distances", "Jaccard, weighted edit and OT distances between the pattern circuits");
    d->add_option("--project", distances->project, "Project file")->required();
    stageOption(d, distances, "distances", "--budgets", "budgets", "Top fractions of the edges kept");
    stageOption(d, distances, "distances", "--circuits-run", "circuits_run", "Circuits run (0: the newest)");
    d->callback([distances] { computeDistances(*distances); });

    auto interference = std::make_shared<StageCommand>();
    CLI::App* i = app.add_subcommand("interference", "Delta(i -> j) after a LoRA edit of each pattern i from the same base model");
    i->add_option("--project", interference->project, "Project file (after `redit circuits`)")->required();
    stageOption(i, interference, "interference", "--model", "model", "Model folder (default: the newest circuits run's)");
    stageOption(i, interference, "interference", "--data", "data", "Dataset spec (default: the newest circuits run's)");
    stageOption(i, interference, "interference", "--split-seed", "split_seed", "Seed of the domain split (default: the newest circuits run's)");
    stageOption(i, interference, "interference", "--steps", "lora_steps", "LoRA steps per edit");
    stageOption(i, interference, "interference", "--lr", "lora_lr", "LoRA learning rate");
    stageOption(i, interference, "interference", "--rank", "lora_rank", "LoRA rank (alpha = 2 x rank)");
    stageOption(i, interference, "interference", "--lora-layers", "lora_layers", "Decoder layers given adapters, e.g. 24,25 (empty: all)");
    stageOption(i, interference, "interference", "--protocol", "protocol", "revision-set or sequential");
    stageOption(i, interference, "interference", "--batch", "batch", "Evaluation batch size");
    runOptions(i, interference, "Adapter and batch seed");
    i->callback([interference] { measureInterferenceCommand(*interference); });

    auto law = std::make_shared<StageCommand>();
    auto lawCsvFile = std::make_shared<std::string>();
    CLI::App* l = app.add_subcommand("law", "Fit Delta ~ alpha + beta d per metric and budget; print and write CSV");
    l->add_option("--project", law->project, "Project file")->required();
    stageOption(l, law, "law", "--reference-filter", "reference_filter", "Reference figure only: drop points with Delta < 0.1");
    stageOption(l, law, "law", "--window", "window", "Reference figure only: average sliding windows of W points");
    l->add_option("--csv", *lawCsvFile, "CSV output (default: the project's name with .law.csv)");
    l->callback([law, lawCsvFile] { fitLawCommand(*law, *lawCsvFile); });

    auto exportOptions = std::make_shared<ExportOptions>();
    CLI::App* circuit = app.add_subcommand("circuit", "Export a pattern circuit of a project");
    circuit->require_subcommand(1);
    CLI::App* e = circuit->add_subcommand("export", "Write a pattern's circuit as DOT, JSON or its dense score matrix (CSV)");
    e->add_option("--project", exportOptions->project, "Project file")->required();
    e->add_option("--pattern", exportOptions->pattern, "Pattern id")->required();
    e->add_option("--format", exportOptions->format, "dot, json or matrix")
        ->check(CLI::IsMember({"dot", "json", "matrix"}))
        ->capture_default_str();
    e->add_option("--out", exportOptions->out, "Output file")->required();
    e->add_option("--budget", exportOptions->budget, "Top fraction of edges kept (dot, json)")->capture_default_str();
    e->add_option("--circuits-run", exportOptions->circuitsRun, "Circuits run (default: the newest)");
    e->callback([exportOptions] { exportCircuit(*exportOptions); });
}

}  // namespace redit::cli
