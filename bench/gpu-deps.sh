#!/usr/bin/env bash
# Downloads, here, the Debian packages that bench/gpu-check.sh needs on a GPU machine that has PyTorch, CMake
# and a compiler but none of the project's other libraries and no network (the device machines): the
# headers and libraries of a build without the GUI (JSON, SQLiteCpp, CLI11, spdlog, Boost.Math, PCRE2, ICU,
# QtCore and QtTest for the tests). gpu-check.sh --deps DIR unpacks them into a private prefix (dpkg -x).
#
# Usage: bench/gpu-deps.sh [DIR]   (default .gpu-deps, which git ignores; about 35 MB)
set -euo pipefail
dir=${1:-.gpu-deps}
packages=(
  nlohmann-json3-dev libsqlitecpp-dev libsqlite3-dev libcli11-dev libspdlog-dev libspdlog1.10 libfmt-dev libfmt9
  libboost1.74-dev libpcre2-dev libpcre2-8-0 libicu-dev libicu72
  qt6-base-dev qt6-base-dev-tools qmake6 qmake6-bin libqt6core6 libqt6test6 libdouble-conversion3 libb2-1 libpcre2-16-0
)
mkdir -p "$dir"
cd "$dir"
# apt-get download writes into the current folder; as root it warns that _apt cannot sandbox the download.
apt-get download "${packages[@]}" 2>&1 | grep -v "^W: Download is performed unsandboxed" || true
ls ./*.deb >/dev/null
echo "gpu-deps: $(ls ./*.deb | wc -l) packages, $(du -sh . | cut -f1), in $(pwd)"
