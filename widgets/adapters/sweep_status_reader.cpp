#include "adapters/sweep_status_reader.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <filesystem>
#include <set>

#include "store/project_merge.h"
#include "store/project_store.h"
#include "sweep/sweep_cells.h"
#include "sweep/sweep_collect.h"
#include "sweep/sweep_spec.h"
#include "sweep/sweep_status.h"
#include "util/error.h"

namespace redit::gui {
namespace {

QString q(const std::string& text) { return QString::fromStdString(text); }

// The same file however a path names it (relative, with "..", through a link).
std::string samePath(const std::string& path) {
    std::error_code ec;
    const std::filesystem::path canonical = std::filesystem::weakly_canonical(path, ec);
    return ec ? path : canonical.string();
}

// The cell projects whose runs the project holds; empty when the project cannot be read (the pane then shows
// the cells without the mark rather than nothing).
std::set<std::string> collectedCellProjects(const QString& projectPath) {
    std::set<std::string> paths;
    try {
        const ProjectStore project = ProjectStore::open(projectPath.toStdString(), ProjectStore::Mode::ReadOnly);
        for (const std::string& path : mergedSourcePaths(project)) paths.insert(samePath(path));
    } catch (const std::exception&) {
    }
    return paths;
}

QString tr(const char* text) { return QCoreApplication::translate("redit::gui::SweepStatusReader", text); }

}  // namespace

int SweepView::count(const QString& state) const {
    int n = 0;
    for (const SweepCellView& cell : cells) n += cell.state == state;
    return n;
}

bool SweepView::isActive() const {
    if (launcherRunning || count(QStringLiteral("running")) > 0) return true;
    for (const SweepCellView& cell : cells)
        if (cell.state == QStringLiteral("pending") && !cell.slurmJob.isEmpty()) return true;
    return false;
}

int SweepView::resumableCells() const {
    if (!error.isEmpty() || isActive()) return 0;
    int n = 0;
    for (const SweepCellView& cell : cells) n += cell.state == QStringLiteral("failed") || cell.state == QStringLiteral("pending");
    return n;
}

QList<SweepView> readProjectSweeps(const QString& projectPath, const StageRegistry& registry) {
    QList<SweepView> sweeps;
    const QStringList specs = projectSweeps(projectPath);
    const std::set<std::string> collected = specs.isEmpty() ? std::set<std::string>() : collectedCellProjects(projectPath);
    for (const QString& specPath : specs) {
        SweepView view;
        view.spec = specPath;
        try {
            view.execution = sweepExecution(specPath);
            view.launcherRunning = sweepLauncherRunning(specPath, view.execution);
            const SweepSpec spec = readSweepSpec(specPath.toStdString(), registry);
            view.name = q(spec.name);
            view.id = q(spec.id);
            const SweepStatus status = sweepStatus(spec);
            for (const std::string& note : status.notes) view.notes << q(note);
            for (const CellStatus& cell : status.cells) {
                SweepCellView cellView;
                cellView.index = cell.cell.index;
                cellView.values = q(cellLabel(sweepCell(spec, cell.cell.index, registry)));
                cellView.state = q(cell.summary);
                cellView.progress = cell.cell.status == RunStatus::Finished ? 1.0 : cell.cell.progress;
                cellView.slurmJob = q(cell.slurm.jobId);
                cellView.node = q(cell.slurm.node);
                cellView.error = q(cell.cell.error);
                cellView.collected = collected.count(samePath(cellProjectPath(spec, cell.cell.index))) != 0;
                view.cells << cellView;
            }
        } catch (const std::exception& e) {
            view.name = QFileInfo(specPath).completeBaseName();
            view.error = q(e.what());
        }
        sweeps << view;
    }
    return sweeps;
}

QString collectSweepInto(const QString& projectPath, const QString& specPath, const StageRegistry& registry) {
    const SweepSpec spec = readSweepSpec(specPath.toStdString(), registry);
    ProjectStore project = ProjectStore::open(projectPath.toStdString());
    const MergeReport report = collectSweep(spec, project);
    int copied = 0, already = 0;
    for (const MergedRun& run : report.runs) (run.alreadyMerged ? already : copied)++;
    QString line = tr("Collected sweep \"%1\": %2 run(s) merged, %3 merged before")
                       .arg(q(spec.name))
                       .arg(copied)
                       .arg(already);
    if (!report.notMerged.empty()) line += tr("; not finished yet: %1").arg(int(report.notMerged.size()));
    return line;
}

}  // namespace redit::gui
