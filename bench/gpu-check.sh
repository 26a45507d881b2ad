#!/usr/bin/env bash
# The GPU check (docs/performance.md "LibTorch 2.x and CUDA"): on a machine with an NVIDIA GPU and PyTorch,
# builds the backend, the CLI and the backend tests (no GUI) against that PyTorch's LibTorch, runs the
# backend tests with REDIT_TEST_DEVICE=cuda, and times EAP, a LoRA edit and one REdit meta-iteration on a
# random Qwen2.5-3B-shaped model in bf16 (bench_gpu_check), with each step's peak GPU memory (nvidia-smi,
# the process's own use, polled every 50 ms). Written to finish in under 10 minutes on the device machines.
#
# Without a GPU (--cpu-small) it does the same on the CPU, in fp32, on a small shape: how the script is tested.
#
# Usage: bench/gpu-check.sh [--cpu-small] [--torch DIR] [--deps DIR] [--build-dir DIR] [--out DIR]  (JOBS=N)
#   --torch DIR   a PyTorch wheel's torch/ folder (default: python3's torch, else what `make libtorch2` fetched)
#   --deps DIR    Debian packages from bench/gpu-deps.sh, unpacked into a private prefix (for machines that
#                 lack the project's libraries)
set -euo pipefail
cd "$(dirname "$0")/.."
cpu_small=0; torch_dir=""; deps=""; build_dir=build-gpu-check; out_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cpu-small) cpu_small=1 ;;
    --torch) torch_dir=$2; shift ;;
    --deps) deps=$2; shift ;;
    --build-dir) build_dir=$2; shift ;;
    --out) out_dir=$2; shift ;;
    *) echo "gpu-check: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
out_dir=${out_dir:-$build_dir/results}
jobs=${JOBS:-$(nproc)}
mkdir -p "$out_dir"
log() { echo "gpu-check [$(date +%H:%M:%S)] $*"; }
started=$(date +%s)

if [ -z "$torch_dir" ]; then
  torch_dir=$(python3 -c 'import os, torch; print(os.path.dirname(torch.__file__))' 2>/dev/null || true)
  [ -n "$torch_dir" ] || torch_dir=build-libtorch2/libtorch/site/torch
fi
[ -f "$torch_dir/lib/libtorch_cpu.so" ] || { echo "gpu-check: no LibTorch in '$torch_dir' (--torch, or make libtorch2)" >&2; exit 1; }

if [ "$cpu_small" = 1 ]; then
  device=cpu; dtype=fp32; shape=small; cuda=OFF
else
  command -v nvidia-smi >/dev/null || { echo "gpu-check: no nvidia-smi: no NVIDIA GPU here (use --cpu-small)" >&2; exit 1; }
  device=cuda; dtype=bf16; shape=qwen2.5-3b; cuda=ON
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | sed 's/^/gpu-check: GPU: /'
fi
log "LibTorch from $torch_dir; device $device, $dtype, shape $shape"

cmake_args=(-G Ninja -DCMAKE_BUILD_TYPE=Release -DREDIT_BUILD_GUI=OFF -DREDIT_BUILD_BENCH=ON
            -DREDIT_TORCH_WHEEL="$(cd "$torch_dir" && pwd)" -DREDIT_TORCH_CUDA=$cuda)
if [ -n "$deps" ]; then
  prefix=$(mkdir -p "$build_dir" && cd "$build_dir" && pwd)/deps
  if [ ! -f "$prefix/.unpacked" ]; then
    mkdir -p "$prefix"
    for deb in "$deps"/*.deb; do dpkg -x "$deb" "$prefix"; done
    touch "$prefix/.unpacked"
  fi
  multiarch=$prefix/usr/lib/x86_64-linux-gnu
  cmake_args+=(-DCMAKE_PREFIX_PATH="$prefix/usr;$multiarch/cmake")
  export PKG_CONFIG_PATH="$multiarch/pkgconfig:$prefix/usr/share/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$prefix"
  export LD_LIBRARY_PATH="$multiarch${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  log "dependencies from $deps unpacked in $prefix"
fi

log "configuring $build_dir"
cmake -S . -B "$build_dir" "${cmake_args[@]}" >"$out_dir/configure.log" 2>&1 || { tail -30 "$out_dir/configure.log"; exit 1; }
log "building (backend, CLI, backend tests, bench_gpu_check)"
cmake --build "$build_dir" -j "$jobs" >"$out_dir/build.log" 2>&1 || { grep -m 20 -A 5 "error" "$out_dir/build.log"; exit 1; }
"$build_dir/app/redit" --version | sed 's/^/gpu-check: /'

log "backend tests with REDIT_TEST_DEVICE=$device"
if REDIT_TEST_DEVICE=$device QT_QPA_PLATFORM=offscreen ctest --test-dir "$build_dir" -j "$jobs" --timeout 300 \
     >"$out_dir/tests.log" 2>&1; then tests="passed"; else tests="FAILED"; fi
grep -E "tests passed|tests failed|\(Failed\)|\(Timeout\)" "$out_dir/tests.log" | sed 's/^/gpu-check: /'
"$build_dir/tests/model/test_device_parity" 2>&1 | grep -E "device:|Totals" | sed 's/^/gpu-check: test_device_parity /'

# Peak GPU memory of one process: its own row of nvidia-smi's compute apps, polled.
peak_gpu_mib() {
  local pid=$1 peak=0 used
  while kill -0 "$pid" 2>/dev/null; do
    used=$(nvidia-smi --query-compute-apps=pid,used_memory --format=csv,noheader,nounits 2>/dev/null |
           awk -F', ' -v p="$pid" '$1 == p {print $2}')
    [ -n "$used" ] && [ "$used" -gt "$peak" ] && peak=$used
    sleep 0.05
  done
  echo "$peak"
}

table="$out_dir/gpu-check.md"
echo "| shape | parameters | device | step | work | wall | detail | peak CPU RSS | peak GPU memory |" >"$table"
echo "|---|---|---|---|---|---|---|---|---|" >>"$table"
for step in eap lora reshape; do
  log "timing $step"
  "$build_dir/bench/bench_gpu_check" --step "$step" --shape "$shape" --device "$device" --dtype "$dtype" \
      >"$out_dir/$step.row" 2>"$out_dir/$step.err" &
  pid=$!
  gpu="-"
  [ "$device" = cuda ] && gpu="$(peak_gpu_mib $pid) MiB"
  if wait $pid; then
    echo "$(cat "$out_dir/$step.row") $gpu |" >>"$table"
  else
    echo "| $shape | | $device | $step | failed: $(tail -1 "$out_dir/$step.err") | | | | |" >>"$table"
  fi
done
cat "$table"
log "tests $tests; $(( $(date +%s) - started )) s in all; results in $out_dir"
[ "$tests" = passed ]
