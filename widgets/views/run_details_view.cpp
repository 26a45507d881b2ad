#include "views/run_details_view.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QVBoxLayout>

namespace redit::gui {
namespace {

QPlainTextEdit* readOnlyText(QWidget* parent, const QString& name) {
    auto* text = new QPlainTextEdit(parent);
    text->setObjectName(name);
    text->setReadOnly(true);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return text;
}

QGroupBox* group(const QString& title, QWidget* content, QWidget* parent) {
    auto* box = new QGroupBox(title, parent);
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(content);
    return box;
}

}  // namespace

RunDetailsView::RunDetailsView(QWidget* parent)
    : QWidget(parent), provenance_(new QFormLayout), config_(readOnlyText(this, QStringLiteral("runConfig"))),
      log_(readOnlyText(this, QStringLiteral("runLog"))), clone_(new QPushButton(tr("C&lone and Edit…"), this)) {
    clone_->setObjectName(QStringLiteral("cloneButton"));
    clone_->setToolTip(tr("Open New Run with this run's configuration"));
    clone_->setEnabled(false);
    auto* fields = new QWidget(this);
    fields->setLayout(provenance_);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    auto* upper = new QSplitter(Qt::Horizontal, splitter);
    upper->addWidget(group(tr("Provenance"), fields, upper));
    upper->addWidget(group(tr("Configuration"), config_, upper));
    splitter->addWidget(upper);
    splitter->addWidget(group(tr("Log"), log_, splitter));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(clone_, 0, Qt::AlignRight);
    connect(clone_, &QPushButton::clicked, this, [this] { emit cloneRequested(details_.id); });
}

void RunDetailsView::setDetails(const RunDetails& details) {
    details_ = details;
    while (provenance_->rowCount() > 0) provenance_->removeRow(0);
    for (const auto& [label, value] : details.provenance) {
        auto* text = new QLabel(value, this);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        text->setWordWrap(true);
        provenance_->addRow(label + QLatin1Char(':'), text);
    }
    config_->setPlainText(QString::fromStdString(details.config.dump(2)));
    // Refreshed while the run goes on: a log read at its end follows new lines, one scrolled back stays put.
    QScrollBar* scroll = log_->verticalScrollBar();
    const bool atEnd = scroll->value() == scroll->maximum();
    const int position = scroll->value();
    log_->setPlainText(details.log.join(QLatin1Char('\n')));
    scroll->setValue(atEnd ? scroll->maximum() : position);
    clone_->setEnabled(details.ended);
}

}  // namespace redit::gui
