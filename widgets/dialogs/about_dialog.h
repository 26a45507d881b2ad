#pragma once
#include <QDialog>
#include <QString>

namespace redit::gui {

// The runtime the program computes on; the app fills it from LibTorch (the widgets link no LibTorch).
struct RuntimeSummary {
    QString torchVersion;  // empty: not reported
    QString blas;
    int cudaDevices = 0;
    int threads = 0;
};

// Help > About: version, code revision, licence, the method the workbench implements, and the runtime:
// LibTorch, BLAS, the device runs use (the Settings device, and the CUDA devices present) and threads.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(const RuntimeSummary& runtime, QWidget* parent = nullptr);
};

}  // namespace redit::gui
