#include "views/model_page.h"

#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace redit::gui {

ModelPage::ModelPage(QWidget* parent)
    : QWidget(parent), title_(new QLabel(this)), summary_(new QTableWidget(0, 2, this)), error_(new QLabel(this)) {
    title_->setObjectName(QStringLiteral("modelTitle"));
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setObjectName(QStringLiteral("modelSummary"));
    summary_->setHorizontalHeaderLabels({tr("Property"), tr("Value")});
    summary_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    summary_->verticalHeader()->setVisible(false);
    summary_->horizontalHeader()->setStretchLastSection(true);
    summary_->setToolTip(tr("As `redit model info` prints it; the memory estimates are for fp32, batch 8 x length 256"));
    error_->setObjectName(QStringLiteral("modelError"));
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title_);
    layout->addWidget(error_);
    layout->addWidget(summary_, 1);
}

void ModelPage::setModel(const ModelPageData& data) {
    title_->setText(tr("<h2>Model %1</h2><p>Folder: <tt>%2</tt><br>Content hash: <tt>%3</tt></p>")
                        .arg(data.name.toHtmlEscaped(), QDir::toNativeSeparators(data.path).toHtmlEscaped(),
                             data.contentHash.toHtmlEscaped()));
    error_->setText(data.error.isEmpty() ? QString() : tr("The model folder cannot be read: %1").arg(data.error));
    error_->setVisible(!data.error.isEmpty());
    summary_->setRowCount(int(data.summary.size()));
    for (int r = 0; r < data.summary.size(); ++r) {
        summary_->setItem(r, 0, new QTableWidgetItem(data.summary[r].first));
        summary_->setItem(r, 1, new QTableWidgetItem(data.summary[r].second));
    }
    summary_->resizeColumnToContents(0);
    summary_->setVisible(!data.summary.isEmpty());
}

}  // namespace redit::gui
