#include "models/explorer_workflow.h"

#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QTabWidget>
#include <QTableView>

#include "adapters/project_contents_reader.h"
#include "adapters/project_item_reader.h"
#include "adapters/run_controller.h"
#include "main_window.h"
#include "models/run_monitor_model.h"
#include "models/run_workflow.h"
#include "store/project_store.h"
#include "views/artifact_page.h"
#include "views/dataset_page.h"
#include "views/model_page.h"
#include "views/pattern_page.h"
#include "views/run_monitor.h"

namespace redit::gui {
namespace {

constexpr double kCircuitBudget = 0.3;  // as the run workflow opens circuits

}  // namespace

ExplorerWorkflow::ExplorerWorkflow(MainWindow& window, RunWorkflow& runs, RunController& controller)
    : QObject(&runs), window_(window), runs_(runs), controller_(controller) {
    ProjectExplorer* explorer = window_.projectExplorer();
    connect(explorer, &ProjectExplorer::entryActivated, this, &ExplorerWorkflow::open);
    explorer->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(explorer, &QWidget::customContextMenuRequested, this, [this, explorer](const QPoint& at) {
        QTreeWidgetItem* item = explorer->itemAt(at);
        QTreeWidgetItem* group = item ? item->parent() : nullptr;
        if (!group) return;
        QMenu* menu = entryMenu(ProjectExplorer::Group(explorer->indexOfTopLevelItem(group)), item->text(0), explorer);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(explorer->viewport()->mapToGlobal(at));
    });
    QTableView* table = window_.runMonitor()->table();
    connect(table, &QWidget::customContextMenuRequested, this, [this, table](const QPoint& at) {
        const MonitoredRun* run = window_.runMonitor()->model()->runAt(table->indexAt(at).row());
        if (!run) return;
        QMenu* menu = runMenu(run->id, table);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(table->viewport()->mapToGlobal(at));
    });
}

void ExplorerWorkflow::open(ProjectExplorer::Group group, const QString& name) {
    switch (group) {
    case ProjectExplorer::Models: showModel(name); break;
    case ProjectExplorer::Datasets: showDataset(name); break;
    case ProjectExplorer::Patterns: showPattern(name); break;
    case ProjectExplorer::Figures:
    case ProjectExplorer::Reports: showArtifact(name); break;
    default: break;  // circuits and runs: the run workflow opens their views
    }
}

bool ExplorerWorkflow::readProject(const QString& what, const std::function<void(const ProjectStore&)>& read) {
    try {
        if (window_.projectPath().isEmpty()) throw std::runtime_error(tr("No project is open").toStdString());
        read(ProjectStore::open(window_.projectPath().toStdString(), ProjectStore::Mode::ReadOnly));
        return true;
    } catch (const std::exception& e) {  // redit::Error naming the item or file, or SQLite's
        const QString message = QString::fromStdString(e.what());
        window_.appendLog(tr("%1: %2").arg(what, message));
        QMessageBox::warning(&window_, what, tr("%1 cannot be shown:\n%2").arg(what, message));
        return false;
    }
}

template <typename Page>
Page* ExplorerWorkflow::pageTab(const QString& title) {
    QTabWidget* tabs = window_.tabs();
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->tabText(i) != title) continue;
        if (auto* page = qobject_cast<Page*>(tabs->widget(i))) {
            tabs->setCurrentIndex(i);
            return page;
        }
    }
    auto* page = new Page(tabs);
    window_.addViewTab(page, title);
    return page;
}

PatternPage* ExplorerWorkflow::showPattern(const QString& name) {
    PatternPageData data;
    if (!readProject(tr("Pattern %1").arg(name), [&](const ProjectStore& store) { data = readPatternPage(store, name); }))
        return nullptr;
    auto* page = pageTab<PatternPage>(tr("Pattern %1").arg(name));
    page->disconnect(this);  // a reused tab
    connect(page, &PatternPage::circuitRequested, this, [this](qint64 runId, const QString& pattern) {
        runs_.showCircuit(QString::number(runId), pattern, kCircuitBudget);
    });
    page->setPattern(data);
    return page;
}

ModelPage* ExplorerWorkflow::showModel(const QString& name) {
    ModelPageData data;
    if (!readProject(tr("Model %1").arg(name), [&](const ProjectStore& store) { data = readModelPage(store, name); }))
        return nullptr;
    auto* page = pageTab<ModelPage>(tr("Model %1").arg(name));
    page->setModel(data);
    return page;
}

DatasetPage* ExplorerWorkflow::showDataset(const QString& name) {
    DatasetPageData data;
    if (!readProject(tr("Dataset %1").arg(name), [&](const ProjectStore& store) { data = readDatasetPage(store, name); }))
        return nullptr;
    auto* page = pageTab<DatasetPage>(tr("Dataset %1").arg(name));
    page->setDataset(std::move(data));
    return page;
}

ArtifactPage* ExplorerWorkflow::showArtifact(const QString& label) {
    StoredArtifactData data;
    if (!readProject(label, [&](const ProjectStore& store) { data = readArtifact(store, label); })) return nullptr;
    auto* page = pageTab<ArtifactPage>(label);
    page->setArtifact(std::move(data));
    return page;
}

qint64 ExplorerWorkflow::inputId(bool model, const QString& name) const {
    try {
        for (const ProjectInput& input : model ? controller_.models() : controller_.datasets())
            if (input.name == name) return input.id;
    } catch (const std::exception&) {  // no project is open: no id
    }
    return 0;
}

void ExplorerWorkflow::saveArtifact(const QString& label) {
    StoredArtifactData data;
    if (!readProject(label, [&](const ProjectStore& store) { data = readArtifact(store, label); })) return;
    const QString path = QFileDialog::getSaveFileName(&window_, tr("Save %1").arg(data.name), data.name);
    if (path.isEmpty()) return;
    ArtifactPage writer;
    writer.setArtifact(std::move(data));
    QString error;
    if (writer.saveTo(path, &error)) window_.appendLog(tr("Saved %1").arg(path));
    else QMessageBox::critical(&window_, tr("Save"), error);
}

QMenu* ExplorerWorkflow::entryMenu(ProjectExplorer::Group group, const QString& name, QWidget* parent) {
    auto* menu = new QMenu(parent);
    auto add = [this, menu](const QString& text, const QString& tip, auto slot) {
        QAction* action = menu->addAction(text, this, slot);
        action->setToolTip(tip);
        action->setStatusTip(tip);
        return action;
    };
    menu->setToolTipsVisible(true);
    switch (group) {
    case ProjectExplorer::Models:
        add(tr("&Open"), tr("Architecture, parameters, tokenizer and memory estimate"), [this, name] { showModel(name); });
        add(tr("&New Run with This Model…"), tr("Open New Run with this model chosen"),
            [this, name] { runs_.newRun({}, {{"model_id", inputId(true, name)}}); });
        break;
    case ProjectExplorer::Datasets:
        add(tr("&Open"), tr("Browse its patterns and instances"), [this, name] { showDataset(name); });
        add(tr("&New Run on This Dataset…"), tr("Open New Run with this dataset chosen"),
            [this, name] { runs_.newRun({}, {{"dataset_id", inputId(false, name)}}); });
        break;
    case ProjectExplorer::Patterns: {
        add(tr("&Open"), tr("Its rule, instances, accuracy and circuit"), [this, name] { showPattern(name); });
        PatternPageData pattern;
        try {
            pattern = readPatternPage(ProjectStore::open(window_.projectPath().toStdString(), ProjectStore::Mode::ReadOnly), name);
        } catch (const std::exception&) {  // the menu offers what needs no read
        }
        if (!pattern.circuitRuns.isEmpty()) {
            const QString run = QString::number(pattern.circuitRuns.last());
            add(tr("Open Its &Circuit"), tr("The circuit the newest circuits run found for it"),
                [this, run, name] { runs_.showCircuit(run, name, kCircuitBudget); });
        }
        if (!pattern.dataset.isEmpty())
            add(tr("&New Run on Its Dataset…"), tr("Open New Run with the pattern's dataset chosen"),
                [this, dataset = pattern.dataset] { runs_.newRun({}, {{"dataset_id", inputId(false, dataset)}}); });
        break;
    }
    case ProjectExplorer::Circuits:
        if (const std::optional<CircuitEntry> circuit = circuitOfLabel(name)) {
            const QString run = QString::number(circuit->runId);
            add(tr("&Open"), tr("Draw the circuit"), [this, run, pattern = circuit->pattern] {
                runs_.showCircuit(run, pattern, kCircuitBudget);
            });
            add(tr("&Compare with Another Circuit…"), tr("Show two circuits as shared and separate edges"),
                [this] { runs_.chooseCircuitComparison(); });
            add(tr("Measure &Distances…"), tr("Open New Run for the distances between this run's circuits"),
                [this, id = circuit->runId] {
                    runs_.newRun({}, {{"kind", "distances"}, {"params", {{"circuits_run", id}}}});
                });
        }
        break;
    case ProjectExplorer::Runs:
        if (const std::optional<qint64> id = runIdOfLabel(name)) {
            delete menu;
            return runMenu(QString::number(*id), parent);
        }
        break;
    case ProjectExplorer::Figures:
    case ProjectExplorer::Reports:
        add(tr("&Open"), tr("Show the stored file"), [this, name] { showArtifact(name); });
        add(tr("&Save As…"), tr("Write the stored file as it is"), [this, name] { saveArtifact(name); });
        break;
    default: break;
    }
    return menu;
}

QMenu* ExplorerWorkflow::runMenu(const QString& runId, QWidget* parent) {
    auto* menu = new QMenu(parent);
    menu->addAction(tr("&Open Results"), this, [this, runId] { runs_.showResults(runId); });
    menu->addAction(tr("&Details"), this, [this, runId] { runs_.showDetails(runId); });
    menu->addAction(tr("&Clone and Edit…"), this, [this, runId] { runs_.newRun(runId); });
    menu->addAction(tr("Com&pare with…"), this, [this, runId] { runs_.compareRuns(runId); });
    return menu;
}

}  // namespace redit::gui
