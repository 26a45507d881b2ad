// `redit circuits|distances|interference|law` (the circuit-interference pipeline over a project) and
// `redit circuit export`.
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "circuits/circuit_export.h"
#include "cli/commands.h"
#include "edit/lora_edit.h"
#include "pipeline/lora_pattern_editor.h"
#include "cli/progress_bar.h"
#include "cli/terminal_table.h"
#include "data/dataset_spec.h"
#include "model/model_folder.h"
#include "pipeline/circuit_runs.h"
#include "pipeline/law_runs.h"
#include "pipeline/project_inputs.h"
#include "pipeline/project_runs.h"
#include "pipeline/score_matrix_csv.h"
#include "store/project_store.h"
#include "util/error.h"
#include "util/torch_runtime.h"

namespace redit::cli {

namespace {

using namespace redit::pipeline;

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

struct CircuitsOptions {
    std::string project, model, data;
    std::size_t pairs = 16;
    int64_t igSteps = 0;
    int64_t memoryMb = 4096;
    uint64_t seed = 0;
    uint64_t splitSeed = 0;
    int threads = 0;
};

void findCircuits(const CircuitsOptions& o) {
    configureThreads(o.threads);
    LoadedModel loaded = loadModelFolder(o.model);
    const std::vector<data::Pattern> patterns = data::loadDataset(o.data);
    ProjectStore store = openOrCreate(o.project);
    const RegisteredInputs inputs = registerInputs(store, o.model, o.data, patterns);

    PatternScoreOptions options;
    options.pairs.count = o.pairs;
    options.pairs.seed = o.seed;
    options.pairs.split.seed = o.splitSeed;
    options.eap.integratedGradientSteps = o.igSteps;
    options.eap.memoryBudgetBytes = o.memoryMb * (int64_t(1) << 20);
    ProgressBar bar("circuits");
    options.progress = [&](double f) { bar.update(f); };
    const PatternScoreSet scored = *scorePatterns(*loaded.model, loaded.tokenizer, patterns, options);
    const std::vector<PatternScores>& scores = scored.patterns;
    bar.finish();

    NewRun run;
    run.name = "circuits " + o.data;
    run.seed = int64_t(o.seed);
    run.modelId = inputs.modelId;
    run.datasetId = inputs.datasetId;
    run.config = {{"model", o.model},         {"data", o.data},           {"pairs", o.pairs},
                  {"ig_steps", o.igSteps},    {"split_seed", o.splitSeed}, {"metric", "logit-difference"}};
    const GraphShape shape = GraphShape::of(loaded.model->config());
    const int64_t runId = saveCircuitRun(store, run, shape, scores);

    const CircuitGraph graph(shape);
    TerminalTable table({"pattern", "pairs", "sum |w|", "top edge", "w"});
    for (const PatternScores& p : scores) {
        double sum = 0;
        for (double w : p.all) sum += std::abs(w);
        const int64_t top = rankByMagnitude(p.all).front();
        const Edge e = graph.edge(top);
        table.addRow({p.patternId, std::to_string(p.pairs), fixed(sum),
                      graph.upstreamName(e.upstream) + " -> " + graph.downstreamName(e.downstream), fixed(p.all[size_t(top)])});
    }
    table.print(std::cout);
    for (const std::string& id : scored.withoutPairs)
        std::cout << "no circuit for " << id << ": no flipped fact changes its label\n";
    std::cout << "circuits run " << runId << ": " << scores.size() << " patterns, " << graph.edgeCount() << " edges each, "
              << (o.igSteps > 0 ? "EAP-IG " + std::to_string(o.igSteps) + " steps" : std::string("EAP")) << ", saved to "
              << o.project << '\n';
}

struct DistancesOptions {
    std::string project;
    std::vector<double> budgets = {0.01, 0.05, 0.10};
    int64_t circuitsRun = 0;
};

void computeDistances(const DistancesOptions& o) {
    ProjectStore store = ProjectStore::open(o.project);
    const int64_t circuitsRun = o.circuitsRun > 0 ? o.circuitsRun : latestFinishedRun(store, "circuits", "circuits");
    const CircuitRun circuits = loadCircuitRun(store, circuitsRun);
    const std::vector<DistanceRow> rows = patternDistances(CircuitGraph(circuits.shape), circuits.patterns, o.budgets);
    NewRun run;
    run.name = "distances of circuits run " + std::to_string(circuitsRun);
    run.config = {{"budgets", o.budgets}};
    const int64_t runId = saveDistanceRun(store, run, circuits, rows);

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
        for (double budget : o.budgets) {
            const Means& m = means[{metric, budget}];
            table.addRow({metric, fixed(budget, 3), m.sameCount ? fixed(m.same / double(m.sameCount)) : "",
                          m.crossCount ? fixed(m.cross / double(m.crossCount)) : "", std::to_string(m.crossCount)});
        }
    table.print(std::cout);
    std::cout << "distances run " << runId << ": " << rows.size() << " distances saved to " << o.project << '\n';
}

struct InterferenceCommandOptions {
    std::string project;
    int64_t steps = 20;
    double learningRate = 1e-3;
    int64_t rank = 16;
    std::string protocol = "revision-set";
    uint64_t seed = 0;
    int threads = 0;
};

// Edits each pattern with LoRA from the base model of the newest circuits run, on that run's dataset.
void measureInterferenceCommand(const InterferenceCommandOptions& o) {
    configureThreads(o.threads);
    ProjectStore store = ProjectStore::open(o.project);
    const RunRecord circuits = loadRun(store, latestFinishedRun(store, "circuits", "circuits"));
    const std::string model = circuits.config.at("model").get<std::string>();
    const std::string dataSpec = circuits.config.at("data").get<std::string>();
    LoadedModel loaded = loadModelFolder(model);
    const std::vector<data::Pattern> patterns = data::loadDataset(dataSpec);

    LoraEditOptions edit;
    edit.steps = o.steps;
    edit.learningRate = o.learningRate;
    edit.lora.rank = o.rank;
    edit.lora.alpha = 2.0 * double(o.rank);
    edit.protocol = parseLoraEditProtocol(o.protocol);
    edit.seed = o.seed;
    InterferenceOptions options;
    options.split.seed = circuits.config.value("split_seed", uint64_t(0));
    ProgressBar bar("interference");
    options.progress = [&](double f) { bar.update(f); };
    const InterferenceResult result =
        *measureInterference(*loaded.model, loaded.tokenizer, patterns, loraPatternEditor(loaded.tokenizer, edit), options);
    bar.finish();

    NewRun run;
    run.name = "interference " + dataSpec;
    run.seed = int64_t(o.seed);
    run.modelId = circuits.modelId;
    run.datasetId = circuits.datasetId;
    run.config = {{"model", model},          {"data", dataSpec},        {"editor", "lora"},
                  {"protocol", o.protocol},  {"steps", o.steps},        {"learning_rate", o.learningRate},
                  {"rank", o.rank},          {"alpha", edit.lora.alpha}, {"split_seed", options.split.seed}};
    const int64_t runId = saveInterferenceRun(store, run, result);

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

struct LawOptions {
    std::string project, csv;
    bool referenceFilter = false;
    int64_t window = 0;
};

void fitLawCommand(const LawOptions& o) {
    ProjectStore store = ProjectStore::open(o.project);
    const int64_t distancesRun = latestFinishedRun(store, "distances", "distances");
    const int64_t interferenceRun = latestFinishedRun(store, "interference", "interference");
    InterferenceFilterOptions reference;
    if (o.referenceFilter) reference.dropInterferenceBelow = 0.1;
    reference.slidingWindow = o.window;
    const std::vector<LawRow> rows =
        fitLaw(loadDistanceRows(store, distancesRun), loadInterferenceRun(store, interferenceRun), reference);
    NewRun run;
    run.name = "law";
    run.config = {{"distances_run", distancesRun}, {"interference_run", interferenceRun},
                  {"reference", describeReferenceFigureOptions(reference)}};
    const int64_t runId = saveLawRun(store, run, rows);

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
    const std::string csv = o.csv.empty() ? std::filesystem::path(o.project).replace_extension(".law.csv").string() : o.csv;
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
    auto circuits = std::make_shared<CircuitsOptions>();
    CLI::App* c = app.add_subcommand("circuits", "EAP circuit of every pattern (and of two halves of its pairs) into a project");
    c->add_option("--project", circuits->project, "Project file (created when missing)")->required();
    c->add_option("--model", circuits->model, "Model folder")->required();
    c->add_option("--data", circuits->data, "Dataset spec, e.g. synthetic:deductive:level1")->required();
    c->add_option("--pairs", circuits->pairs, "Clean/corrupted pairs K per pattern (train split)")->capture_default_str();
    c->add_option("--ig-steps", circuits->igSteps, "EAP-IG steps m (0: plain EAP)")->capture_default_str();
    c->add_option("--memory-mb", circuits->memoryMb, "Working-memory budget of one EAP batch")->capture_default_str();
    c->add_option("--seed", circuits->seed, "Seed of the pairs' verbalisations")->capture_default_str();
    c->add_option("--split-seed", circuits->splitSeed, "Seed of the domain split")->capture_default_str();
    c->add_option("--threads", circuits->threads, "CPU threads (0 = all cores)");
    c->callback([circuits] { findCircuits(*circuits); });

    auto distances = std::make_shared<DistancesOptions>();
    CLI::App* d = app.add_subcommand("distances", "Jaccard, weighted edit and OT distances between the pattern circuits");
    d->add_option("--project", distances->project, "Project file")->required();
    d->add_option("--budgets", distances->budgets, "Top fractions of the edges kept")->delimiter(',')->capture_default_str();
    d->add_option("--circuits-run", distances->circuitsRun, "Circuits run (default: the newest)");
    d->callback([distances] { computeDistances(*distances); });

    auto interference = std::make_shared<InterferenceCommandOptions>();
    CLI::App* i = app.add_subcommand("interference", "Delta(i -> j) after a LoRA edit of each pattern i from the same base model");
    i->add_option("--project", interference->project, "Project file (after `redit circuits`)")->required();
    i->add_option("--steps", interference->steps, "LoRA steps per edit")->capture_default_str();
    i->add_option("--lr", interference->learningRate, "LoRA learning rate")->capture_default_str();
    i->add_option("--rank", interference->rank, "LoRA rank (alpha = 2 x rank)")->capture_default_str();
    i->add_option("--protocol", interference->protocol, "revision-set or sequential")->capture_default_str();
    i->add_option("--seed", interference->seed, "Adapter and batch seed")->capture_default_str();
    i->add_option("--threads", interference->threads, "CPU threads (0 = all cores)");
    i->callback([interference] { measureInterferenceCommand(*interference); });

    auto law = std::make_shared<LawOptions>();
    CLI::App* l = app.add_subcommand("law", "Fit Delta ~ alpha + beta d per metric and budget; print and write CSV");
    l->add_option("--project", law->project, "Project file")->required();
    l->add_flag("--reference-filter", law->referenceFilter, "Reference figure only: drop points with Delta < 0.1");
    l->add_option("--window", law->window, "Reference figure only: average sliding windows of W points");
    l->add_option("--csv", law->csv, "CSV output (default: the project's name with .law.csv)");
    l->callback([law] { fitLawCommand(*law); });

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
