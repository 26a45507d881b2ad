#include "views/artifact_page.h"

#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPixmap>
#include <QPushButton>
#include <QScrollArea>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace redit::gui {

ArtifactPage::ArtifactPage(QWidget* parent)
    : QWidget(parent), title_(new QLabel(this)), image_(new QLabel(this)), imageArea_(new QScrollArea(this)), text_(new QTextBrowser(this)),
      other_(new QLabel(this)) {
    image_->setObjectName(QStringLiteral("artifactImage"));
    image_->setAlignment(Qt::AlignCenter);
    text_->setObjectName(QStringLiteral("artifactText"));
    other_->setWordWrap(true);
    imageArea_->setObjectName(QStringLiteral("artifactImageArea"));
    imageArea_->setWidget(image_);
    imageArea_->setWidgetResizable(true);
    auto* save = new QPushButton(tr("&Save As…"), this);
    save->setObjectName(QStringLiteral("saveArtifact"));
    save->setToolTip(tr("Write the stored file as it is"));
    auto* open = new QPushButton(tr("Open with the System &Viewer"), this);
    open->setToolTip(tr("Write it to a temporary file and open that with the desktop's program for its type"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(title_, 1);
    buttons->addWidget(open);
    buttons->addWidget(save);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(other_);
    layout->addWidget(imageArea_, 1);
    layout->addWidget(text_, 1);
    connect(save, &QPushButton::clicked, this, &ArtifactPage::saveAs);
    connect(open, &QPushButton::clicked, this, &ArtifactPage::openExternally);
}

void ArtifactPage::setArtifact(StoredArtifactData data) {
    data_ = std::move(data);
    title_->setText(tr("<b>%1</b> of run #%2 (%3, %4 bytes)")
                        .arg(data_.name.toHtmlEscaped())
                        .arg(data_.runId)
                        .arg(data_.mimeType.toHtmlEscaped())
                        .arg(data_.data.size()));
    QPixmap pixmap;
    const bool isImage = data_.mimeType.startsWith(QLatin1String("image/")) && pixmap.loadFromData(data_.data);
    const bool isText = !isImage && (data_.mimeType.startsWith(QLatin1String("text/")) ||
                                     data_.mimeType == QLatin1String("application/json"));
    image_->setPixmap(pixmap);
    if (data_.mimeType == QLatin1String("text/html")) text_->setHtml(QString::fromUtf8(data_.data));
    else if (data_.mimeType == QLatin1String("text/markdown")) text_->setMarkdown(QString::fromUtf8(data_.data));
    else text_->setPlainText(isText ? QString::fromUtf8(data_.data) : QString());
    imageArea_->setVisible(isImage);
    text_->setVisible(isText);
    other_->setText(tr("This kind of file (%1) is not shown here: open it with the system viewer or save it.")
                        .arg(data_.mimeType.toHtmlEscaped()));
    other_->setVisible(!isImage && !isText);
}

bool ArtifactPage::saveTo(const QString& path, QString* error) const {
    QFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(data_.data) == data_.data.size() && file.flush()) return true;
    if (error) *error = tr("%1: cannot be written (%2)").arg(QDir::toNativeSeparators(path), file.errorString());
    return false;
}

void ArtifactPage::saveAs() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save %1").arg(data_.name), data_.name);
    if (path.isEmpty()) return;
    QString error;
    if (!saveTo(path, &error)) QMessageBox::critical(this, tr("Save"), error);
}

void ArtifactPage::openExternally() {
    const QString folder = QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
                               .filePath(QStringLiteral("redit-workbench-run-%1").arg(data_.runId));
    QDir().mkpath(folder);
    const QString path = QDir(folder).filePath(QFileInfo(data_.name).fileName());
    QString error;
    if (!saveTo(path, &error) || !QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
        QMessageBox::warning(this, tr("Open"), error.isEmpty() ? tr("No program opens %1").arg(QDir::toNativeSeparators(path)) : error);
}

}  // namespace redit::gui
