# LibTorch 2.x taken from a PyTorch wheel's `torch` package folder (REDIT_TORCH_WHEEL: an unpacked wheel from
# scripts/fetch-libtorch2.sh, or an installed site-packages/torch), without the wheel's TorchConfig.cmake: the
# PyPI wheels are CUDA builds whose config insists on a full CUDA toolkit, which a CPU machine (and many GPU
# machines with only PyTorch installed) lack. Defines what find_package(Torch) would: TORCH_LIBRARIES,
# TORCH_CXX_FLAGS, TORCH_VERSION (docs/performance.md "LibTorch 2.x").
#
# CPU: libtorch_cpu and libc10 only. REDIT_TORCH_CUDA=ON also links libtorch_cuda and libc10_cuda (without
# --as-needed, since nothing references them by name: loading them registers the CUDA backend).
set(_wheel "${REDIT_TORCH_WHEEL}")
foreach(_lib torch_cpu c10)
  if(NOT EXISTS "${_wheel}/lib/lib${_lib}.so")
    message(FATAL_ERROR "REDIT_TORCH_WHEEL=${_wheel}: lib/lib${_lib}.so not found (expected a PyTorch wheel's torch/ folder)")
  endif()
endforeach()
file(STRINGS "${_wheel}/include/torch/csrc/api/include/torch/version.h" _version_lines REGEX "#define TORCH_VERSION_(MAJOR|MINOR|PATCH) ")
string(REGEX REPLACE ".*MAJOR ([0-9]+).*MINOR ([0-9]+).*PATCH ([0-9]+).*" "\\1.\\2.\\3" TORCH_VERSION "${_version_lines}")

add_library(redit_torch_wheel INTERFACE)
target_include_directories(redit_torch_wheel SYSTEM INTERFACE
  "${_wheel}/include" "${_wheel}/include/torch/csrc/api/include")
set(_libs "${_wheel}/lib/libtorch_cpu.so" "${_wheel}/lib/libc10.so")
if(REDIT_TORCH_CUDA)
  set(_libs "-Wl,--no-as-needed" "${_wheel}/lib/libtorch_cuda.so" "${_wheel}/lib/libc10_cuda.so" "-Wl,--as-needed" ${_libs})
endif()
target_link_libraries(redit_torch_wheel INTERFACE ${_libs} Threads::Threads)
# The wheels since 2.7 are built with the C++11 ABI of libstdc++, like Debian's own libraries.
set(TORCH_CXX_FLAGS "-D_GLIBCXX_USE_CXX11_ABI=1")
set(TORCH_LIBRARIES redit_torch_wheel)
message(STATUS "LibTorch ${TORCH_VERSION} from the wheel folder ${_wheel} (CUDA: ${REDIT_TORCH_CUDA})")
