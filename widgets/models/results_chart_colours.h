#pragma once
// The colours of the Results chart's bar sets.
#include <QColor>
#include <QStringList>
#include <vector>

namespace redit::gui {

// One colour per method label, in order: each base method its own colour (in order of first appearance), a
// "(transfer)" label a lighter shade of its base method's colour, so that no two labels share one.
std::vector<QColor> methodColours(const QStringList& methods);

}  // namespace redit::gui
