#pragma once
// Test helpers shared by the QtTest suites.
#include <QTemporaryDir>
#include <fstream>
#include <string>

namespace redit::testing {

// Writes text to a file (creating or truncating it).
inline void writeText(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

inline std::string pathIn(const QTemporaryDir& dir, const std::string& name) {
    return dir.path().toStdString() + "/" + name;
}

}  // namespace redit::testing
