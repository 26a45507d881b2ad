#include "views/dataset_page.h"

#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace redit::gui {

DatasetPage::DatasetPage(QWidget* parent)
    : QWidget(parent), title_(new QLabel(this)), patterns_(new QListWidget(this)), rule_(new QLabel(this)),
      instances_(new QTableWidget(0, 3, this)) {
    title_->setObjectName(QStringLiteral("datasetTitle"));
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    patterns_->setObjectName(QStringLiteral("datasetPatterns"));
    patterns_->setToolTip(tr("The dataset's patterns; choose one to see its rule and instances"));
    rule_->setObjectName(QStringLiteral("datasetRule"));
    rule_->setWordWrap(true);
    rule_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    instances_->setObjectName(QStringLiteral("datasetInstances"));
    instances_->setHorizontalHeaderLabels({tr("Domain"), tr("Label"), tr("Instance")});
    instances_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    instances_->verticalHeader()->setVisible(false);
    instances_->horizontalHeader()->setStretchLastSection(true);
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(rule_);
    rightLayout->addWidget(instances_, 1);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(patterns_);
    split->addWidget(right);
    split->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title_);
    layout->addWidget(split, 1);
    connect(patterns_, &QListWidget::currentRowChanged, this, &DatasetPage::showPattern);
}

void DatasetPage::setDataset(DatasetPageData data) {
    data_ = std::move(data);
    int instances = 0;
    for (const DatasetPattern& pattern : data_.patterns) instances += int(pattern.instances.size());
    title_->setText(tr("<h2>Dataset %1</h2><p>Spec: <tt>%2</tt><br>%3 patterns, %4 instances<br>Content hash: <tt>%5</tt></p>")
                        .arg(data_.name.toHtmlEscaped(), data_.spec.toHtmlEscaped())
                        .arg(data_.patterns.size())
                        .arg(instances)
                        .arg(data_.contentHash.toHtmlEscaped()));
    patterns_->clear();
    for (const DatasetPattern& pattern : data_.patterns) patterns_->addItem(pattern.name);
    if (!data_.patterns.isEmpty()) patterns_->setCurrentRow(0);
    else showPattern(-1);
}

void DatasetPage::showPattern(int row) {
    const bool valid = row >= 0 && row < data_.patterns.size();
    rule_->setText(valid ? data_.patterns[row].rule : QString());
    const QList<InstanceRow> rows = valid ? data_.patterns[row].instances : QList<InstanceRow>();
    instances_->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        instances_->setItem(r, 0, new QTableWidgetItem(rows[r].domain));
        instances_->setItem(r, 1, new QTableWidgetItem(rows[r].label));
        instances_->setItem(r, 2, new QTableWidgetItem(rows[r].text));
    }
    instances_->resizeColumnToContents(0);
    instances_->resizeColumnToContents(1);
    instances_->resizeRowsToContents();
}

}  // namespace redit::gui
