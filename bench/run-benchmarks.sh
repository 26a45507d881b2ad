#!/usr/bin/env bash
# Runs the benchmarks against a build folder and prints Markdown for docs/performance.md.
set -euo pipefail
build=${1:-build}
echo "| params | batch x length | dtype | forward | threads | BLAS | tokens/s |"
echo "|---|---|---|---|---|---|---|"
for threads in 1 2; do
  "$build/bench/bench_forward" --threads $threads
done
"$build/bench/bench_forward" --threads 2 --hooked
"$build/bench/bench_forward" --threads 2 --bf16
"$build/bench/bench_forward" --threads 2 --layers 12 --hidden 768 --intermediate 2048 --heads 12 --kv-heads 4 --batch 4
if [[ -x "$build/bench/bench_circuit_layout" ]]; then  # built with the GUI only
  echo
  "$build/bench/bench_circuit_layout" --graphviz --repeats 3
fi
echo
echo "| loop | model, edited layer | batch x length | steps | threads | shortened | full forward passes | CPU ratio |"
echo "|---|---|---|---|---|---|---|---|"
"$build/bench/bench_edit_steps" --threads 1 --repeats 1
