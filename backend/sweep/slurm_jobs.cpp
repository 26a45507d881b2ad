#include "sweep/slurm_jobs.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sweep/sweep_spec.h"
#include "util/error.h"
#include "util/json_file.h"
#include "util/subprocess.h"

namespace redit {

namespace {

namespace fs = std::filesystem;

std::string slurmFolder(const SweepSpec& spec) { return (fs::path(spec.folder) / "slurm").string(); }
std::string jobsFile(const SweepSpec& spec) { return (fs::path(slurmFolder(spec)) / "jobs.json").string(); }

std::string utcNow() {
    const std::time_t now = std::time(nullptr);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    return text;
}

std::vector<std::string> split(const std::string& line, char separator) {
    std::vector<std::string> parts;
    std::stringstream in(line);
    std::string part;
    while (std::getline(in, part, separator)) parts.push_back(part);
    return parts;
}

std::string trimmed(std::string text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    return text;
}

// "123_4" -> (123, 4); false for anything else (a step "123_4.batch", a pending range "123_[5-7]").
bool arrayTask(const std::string& id, std::string& job, int& task) {
    const std::size_t underscore = id.find('_');
    if (underscore == std::string::npos || id.find_first_not_of("0123456789", underscore + 1) != std::string::npos)
        return false;
    job = id.substr(0, underscore);
    task = std::stoi(id.substr(underscore + 1));
    return true;
}

}  // namespace

std::string writeSlurmScript(const SweepSpec& spec, const std::string& script) {
    fs::create_directories(fs::path(slurmFolder(spec)) / "logs");
    int n = 1;
    fs::path path;
    while (fs::exists(path = fs::path(slurmFolder(spec)) / ("submit-" + std::to_string(n) + ".sbatch"))) ++n;
    std::ofstream out(path);
    out << script;
    if (!out) throw FileError(path.string(), "cannot be written");
    out.close();
    fs::permissions(path, fs::perms::owner_exec, fs::perm_options::add);
    return path.string();
}

SlurmSubmission submitSlurmScript(const SweepSpec& spec, const std::string& scriptPath, const std::vector<int>& cells) {
    if (!programOnPath("sbatch"))
        throw Error("sbatch is not on PATH: run on a Slurm login node, or submit " + scriptPath + " there yourself");
    const CommandOutput result = runCommand({"sbatch", "--parsable", scriptPath});
    if (result.exitCode != 0)
        throw Error("sbatch refused " + scriptPath + ": " + trimmed(result.errors.empty() ? result.output : result.errors));
    SlurmSubmission submission{split(trimmed(result.output), ';').front(), scriptPath, cells, utcNow()};
    nlohmann::json all = fs::exists(jobsFile(spec)) ? readJsonFile(jobsFile(spec)) : nlohmann::json::array();
    all.push_back({{"job_id", submission.jobId}, {"script", scriptPath}, {"cells", cells}, {"submitted_at", submission.submittedAt}});
    writeJsonFile(jobsFile(spec), all);
    return submission;
}

std::vector<SlurmSubmission> slurmSubmissions(const SweepSpec& spec) {
    std::vector<SlurmSubmission> submissions;
    if (!fs::exists(jobsFile(spec))) return submissions;
    const nlohmann::json all = readJsonFile(jobsFile(spec));
    try {
        for (const nlohmann::json& s : all)
            submissions.push_back({s.at("job_id").get<std::string>(), s.at("script").get<std::string>(),
                                   s.at("cells").get<std::vector<int>>(), s.at("submitted_at").get<std::string>()});
    } catch (const nlohmann::json::exception& e) {
        throw FileError(jobsFile(spec), std::string("is not a list of submissions: ") + e.what());
    }
    return submissions;
}

SlurmView querySlurm(const SweepSpec& spec) {
    SlurmView view;
    const std::vector<SlurmSubmission> submissions = slurmSubmissions(spec);
    if (submissions.empty()) return view;
    std::map<int, std::string> latestJob;  // cell -> the job of its latest submission
    std::string jobs;
    for (const SlurmSubmission& s : submissions) {
        for (int cell : s.cells) latestJob[cell] = s.jobId;
        jobs += (jobs.empty() ? "" : ",") + s.jobId;
    }
    auto record = [&](const std::string& id, const std::string& state, const std::string& node) {
        std::string job;
        int task = 0;
        if (!arrayTask(id, job, task) || latestJob.count(task) == 0 || latestJob[task] != job) return;
        if (view.cells.count(task) == 0) view.cells[task] = {id, split(state, ' ').front(), node};
    };
    if (!programOnPath("squeue")) {
        view.notes.push_back("squeue is not on PATH: the Slurm states are unknown");
        return view;
    }
    const CommandOutput queue = runCommand({"squeue", "--noheader", "--array", "--states=all", "--jobs=" + jobs, "--format=%i|%T|%N"});
    if (queue.exitCode == 0) {
        std::stringstream lines(queue.output);
        for (std::string line; std::getline(lines, line);) {
            std::vector<std::string> f = split(line, '|');
            if (f.size() >= 2) record(trimmed(f[0]), trimmed(f[1]), f.size() > 2 ? trimmed(f[2]) : "");
        }
    } else {
        view.notes.push_back("squeue: " + trimmed(queue.errors));
    }
    if (!programOnPath("sacct")) return view;
    const CommandOutput accounting =
        runCommand({"sacct", "--noheader", "--parsable2", "--jobs=" + jobs, "--format=JobID,State,NodeList"});
    if (accounting.exitCode != 0) {
        view.notes.push_back("sacct: " + trimmed(accounting.errors) + " (the states of ended tasks come from the cell projects)");
        return view;
    }
    std::stringstream lines(accounting.output);
    for (std::string line; std::getline(lines, line);) {
        std::vector<std::string> f = split(line, '|');
        if (f.size() >= 2) record(f[0], f[1], f.size() > 2 ? f[2] : "");
    }
    return view;
}

}  // namespace redit
