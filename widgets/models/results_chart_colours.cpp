#include "models/results_chart_colours.h"

#include <array>
#include <cmath>

#include "models/edit_results.h"

namespace redit::gui {
namespace {

// Tableau 10: distinct hues of similar weight; a comparison has 8 base methods.
constexpr std::array<QRgb, 10> kPalette = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f,
                                           0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac};
constexpr double kTransferLightening = 0.5;  // the share of white mixed into a transfer method's colour

QColor baseColour(int index) {
    if (index < int(kPalette.size())) return QColor::fromRgb(kPalette[size_t(index)]);
    // Beyond the palette: hues spread by the golden angle, darker than the palette so they do not meet it.
    return QColor::fromHsvF(std::fmod(0.1 + 0.618034 * index, 1.0), 0.8, 0.55);
}

QColor lighter(const QColor& colour) {
    auto mix = [](int channel) { return channel + int(std::lround((255 - channel) * kTransferLightening)); };
    return QColor(mix(colour.red()), mix(colour.green()), mix(colour.blue()));
}

}  // namespace

std::vector<QColor> methodColours(const QStringList& methods) {
    QStringList bases;
    std::vector<QColor> colours;
    for (const QString& method : methods) {
        const QString base = editBaseMethod(method);
        if (!bases.contains(base)) bases << base;
        const QColor colour = baseColour(int(bases.indexOf(base)));
        colours.push_back(method == base ? colour : lighter(colour));
    }
    return colours;
}

}  // namespace redit::gui
