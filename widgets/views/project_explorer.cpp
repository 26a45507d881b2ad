#include "views/project_explorer.h"

namespace redit::gui {

ProjectExplorer::ProjectExplorer(QWidget* parent) : QTreeWidget(parent) {
    setHeaderHidden(true);
    setToolTip(tr("The open project's models, datasets, patterns, circuits, runs, figures and reports; "
                  "double-click an entry to open it"));
    const QString names[GroupCount] = {tr("Models"), tr("Datasets"), tr("Patterns"), tr("Circuits"),
                                       tr("Runs"),   tr("Figures"),  tr("Reports")};
    for (const QString& name : names) {
        auto* item = new QTreeWidgetItem(this, {name});
        item->setFlags(Qt::ItemIsEnabled);
    }
    results_ = new QTreeWidgetItem(this, {tr("Results")});
    results_->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    results_->setToolTip(0, tr("The generality and locality of every level of the project's compare runs "
                               "(double-click to open)"));
    results_->setHidden(true);
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        if (item == results_) emit projectResultsActivated();
        else if (QTreeWidgetItem* parentItem = item->parent())
            emit entryActivated(Group(indexOfTopLevelItem(parentItem)), item->text(0));
    });
}

void ProjectExplorer::clearContents() {
    for (int g = 0; g < GroupCount; ++g) qDeleteAll(group(Group(g))->takeChildren());
    results_->setHidden(true);
}

void ProjectExplorer::setContents(const ProjectContents& contents) {
    clearContents();
    const QStringList* lists[GroupCount] = {&contents.models, &contents.datasets, &contents.patterns, &contents.circuits,
                                            &contents.runs,   &contents.figures,  &contents.reports};
    for (int g = 0; g < GroupCount; ++g) {
        for (const QString& name : *lists[g]) new QTreeWidgetItem(group(Group(g)), {name});
        group(Group(g))->setExpanded(!lists[g]->isEmpty());
    }
    results_->setHidden(!contents.hasEditResults);
}

}  // namespace redit::gui
