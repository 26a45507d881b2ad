#!/usr/bin/env bash
# AddressSanitizer + UndefinedBehaviorSanitizer build of the torch-free parser, store and job-engine tests,
# run with ctest (docs/reliability.md). Only these targets are built, so it costs minutes, not the full build.
#   scripts/sanitize.sh [BUILD_DIR]        (default build-sanitize; JOBS=N to limit parallelism)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build-sanitize}
jobs=${JOBS:-$(nproc)}
tests=(
  test_model_config test_safetensors test_gguf test_tokenizer test_gguf_tokenizer test_conformance   # file formats
  test_contexthub test_dataset_spec                                                                  # data files
  test_project_store test_project_file_checks test_concurrent_access                                 # the store
  test_config_schema test_job_queue test_crash_resume                                                # the job engine
)
flags="-O1 -g1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE= "${launcher[@]}" \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build "$build_dir" -j "$jobs" --target "${tests[@]}"
regex="^($(IFS='|'; echo "${tests[*]}"))\$"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
QT_QPA_PLATFORM=offscreen ctest --test-dir "$build_dir" -R "$regex" --output-on-failure -j "$jobs"
