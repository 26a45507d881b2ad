#pragma once
#include <QWidget>

#include "adapters/project_item_reader.h"

class QLabel;
class QScrollArea;
class QTextBrowser;

namespace redit::gui {

// A stored figure or report (double-click in the explorer): an image is drawn, HTML, Markdown and text are
// shown as text, anything else (a PDF) can be opened with the system's viewer; every kind can be saved.
class ArtifactPage : public QWidget {
    Q_OBJECT
public:
    explicit ArtifactPage(QWidget* parent = nullptr);
    void setArtifact(StoredArtifactData data);

    QLabel* image() const { return image_; }
    QTextBrowser* text() const { return text_; }
    const StoredArtifactData& artifact() const { return data_; }

    // Writes the artifact to `path`; false (and the reason in *error) when the file cannot be written.
    bool saveTo(const QString& path, QString* error) const;

private:
    void saveAs();
    void openExternally();

    StoredArtifactData data_;
    QLabel* title_;
    QLabel* image_;
    QScrollArea* imageArea_;
    QTextBrowser* text_;
    QLabel* other_;
};

}  // namespace redit::gui
