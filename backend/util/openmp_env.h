#pragma once

namespace redit {

// LibTorch and OpenBLAS share libgomp's thread pool, whose threads spin while waiting for work by default.
// On a machine whose cores are also busy with anything else (the GUI, a build, a second job) spinning
// threads steal the cores they wait for: a 2-thread forward measured 9x slower than 1 thread here.
// libgomp reads OMP_WAIT_POLICY only when it is loaded, before main(), so the program sets it to PASSIVE
// (unless the user chose a value) and re-executes itself once. Call first thing in main().
void ensurePassiveOpenMpWait(char** argv);

}  // namespace redit
