#!/usr/bin/env bash
# libFuzzer (clang) runs of the file readers (docs/reliability.md):
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]      (default 60 s, every target)
# Builds the torch-free backend with -fsanitize=fuzzer-no-link,address,undefined into build-fuzz/ (objects
# are reused between runs), links one binary per tests/fuzz/fuzz_TARGET.cpp and runs it on a copy of its
# committed corpus (tests/fuzz/corpus/TARGET) for the given time; new inputs go to build-fuzz/corpus/TARGET,
# crashes to build-fuzz/crashes/TARGET. Needs the normal build's generated headers (build/).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(safetensors safetensors_index gguf config_json tokenizer_json contexthub dataset_spec run_config project)
out=build-fuzz
generated=${BUILD_DIR:-build}/backend/generated
[ -f "$generated/redit/build_info.h" ] || { echo "configure the normal build first (make build)" >&2; exit 1; }
command -v clang++ >/dev/null || { echo "clang++ is missing (packaging/install-deps.sh installs it)" >&2; exit 1; }

flags=(-std=c++17 -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
       -Ibackend -I"$generated" -Itests/fuzz $(pkg-config --cflags libpcre2-8)
       -DSPDLOG_COMPILED_LIB -DSPDLOG_FMT_EXTERNAL -DSPDLOG_SHARED_LIB -DFMT_SHARED -DBOOST_ALL_NO_LIB)
libs=(-lSQLiteCpp -lsqlite3 $(pkg-config --libs libpcre2-8 icu-uc) -llemon -lspdlog -lfmt -ldl -lpthread)

# Every source of redit_core, as the backend's CMakeLists list them.
sources=$(python3 - <<'PY'
import re, pathlib
for cmake in sorted(pathlib.Path('backend').glob('*/CMakeLists.txt')):
    for block in re.findall(r'target_sources\(redit_core PRIVATE(.*?)\)', cmake.read_text(), re.S):
        for name in block.split():
            print(cmake.parent / name)
PY
)
mkdir -p "$out/obj"
objects=()
for src in $sources; do
  obj="$out/obj/${src//\//_}.o"
  if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ]; then echo "compiling $src"; clang++ "${flags[@]}" -c "$src" -o "$obj"; fi
  objects+=("$obj")
done
rm -f "$out/libredit_core_fuzz.a"
ar rcs "$out/libredit_core_fuzz.a" "${objects[@]}"

for t in "${targets[@]}"; do
  clang++ "${flags[@]}" -fsanitize=fuzzer "tests/fuzz/fuzz_$t.cpp" "$out/libredit_core_fuzz.a" "${libs[@]}" -o "$out/fuzz_$t"
  mkdir -p "$out/corpus/$t" "$out/crashes/$t"
  cp -n tests/fuzz/corpus/"$t"/* "$out/corpus/$t/" 2>/dev/null || true
  echo "== $t: $seconds s"
  ASAN_OPTIONS=detect_leaks=0 "$out/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$out/crashes/$t/" -print_final_stats=1 "$out/corpus/$t" 2>&1 | tail -n 12 | tee "$out/$t.log"
done
