# Third-party libraries, all from Debian 12 packages (see packaging/debian-packages.txt).
find_package(Torch REQUIRED)           # libtorch-dev 1.13 (CPU) or a LibTorch 2.x via CMAKE_PREFIX_PATH
find_package(nlohmann_json 3 REQUIRED)
find_package(SQLiteCpp REQUIRED)
find_package(CLI11 REQUIRED)
find_package(spdlog REQUIRED)
find_package(Boost 1.74 REQUIRED)       # header-only parts: Boost.Math
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(PCRE2 REQUIRED IMPORTED_TARGET libpcre2-8)

# The GUI needs all of Qt; the tests need QtCore and QtTest only, so the backend and CLI can be built
# and tested without the GUI (for example on a GPU machine with -DREDIT_BUILD_GUI=OFF).
if(REDIT_BUILD_GUI)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets Concurrent Charts Svg SvgWidgets PrintSupport Test LinguistTools)
  pkg_check_modules(GRAPHVIZ REQUIRED IMPORTED_TARGET libgvc libcgraph)
elseif(REDIT_BUILD_TESTS)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Core Test)
endif()
