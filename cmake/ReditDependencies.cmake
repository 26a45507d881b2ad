# Third-party libraries, all from Debian 12 packages (see packaging/debian-packages.txt).
find_package(Threads REQUIRED)
# LibTorch: Debian's libtorch-dev 1.13 (CPU) by default, or 2.x from a PyTorch wheel folder (ReditTorchWheel).
set(REDIT_TORCH_WHEEL "" CACHE PATH "A PyTorch wheel's torch/ folder to build against instead of the system LibTorch")
option(REDIT_TORCH_CUDA "With REDIT_TORCH_WHEEL: also link the wheel's CUDA libraries" OFF)
if(REDIT_TORCH_WHEEL)
  include(ReditTorchWheel)
else()
  find_package(Torch REQUIRED)
endif()
find_package(nlohmann_json 3 REQUIRED)
find_package(SQLiteCpp REQUIRED)
find_package(CLI11 REQUIRED)
find_package(spdlog REQUIRED)
find_package(Boost 1.74 REQUIRED)       # header-only parts: Boost.Math
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
