#pragma once
#include <string>

namespace redit {

// Environment that the native libraries read only when they are loaded, before main(); the program sets it
// (where the user has not) and re-executes itself once. Call first thing in main().
//  - OMP_WAIT_POLICY=PASSIVE: LibTorch and OpenBLAS share libgomp's thread pool, whose threads spin while
//    waiting for work by default. On a machine whose cores are also busy with anything else (the GUI, a
//    build, a second job) spinning threads steal the cores they wait for: a 2-thread forward measured 9x
//    slower than 1 thread here.
//  - OPENBLAS_CORETYPE (openBlasCoreOverride): when the loaded OpenBLAS does not recognise the CPU.
// Then configures the allocator (configureAllocator).
void ensureRuntimeEnvironment(char** argv);

// glibc's malloc gives every block over its mmap threshold (128 KiB at start, raised as such blocks are
// freed) fresh pages from the kernel and returns them on free, so each activation of a small model costs page
// faults and zeroing again at every step: 9-10% of EAP's time at logic-tiny size (docs/performance.md,
// "Allocator"). This keeps blocks up to 32 MiB in the heap and up to 256 MiB of freed heap for reuse.
// No-op outside glibc.
void configureAllocator();

// OpenBLAS picks its kernels by CPU model. Debian 12's 0.3.21 does not know recent Intel Xeons (a Sapphire
// Rapids-class VM here) and falls back to its Prescott (SSE3) kernels: matrix products 3-4x slower than the
// AVX-512 ones the CPU can run (docs/performance.md, "OpenBLAS kernels"). When the loaded OpenBLAS reports
// Prescott on a CPU with AVX-512 (or AVX2), this returns the core type whose kernels it supports
// ("SkylakeX", "Haswell"); otherwise empty.
std::string openBlasCoreOverride();

}  // namespace redit
