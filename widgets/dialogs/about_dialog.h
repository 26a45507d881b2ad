#pragma once
#include <QDialog>

namespace redit::gui {

// Help > About: version, code revision, licence and the method the workbench implements.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);
};

}  // namespace redit::gui
