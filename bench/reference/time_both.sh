#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Times the workbench's EAP (bench_eap) and eap_reference.py (both --method split and taps) on the same
# random-model shape, alternating the three ROUNDS times so that they share the machine's load.
#   bench/reference/time_both.sh BENCH_EAP ROUNDS [shape options of bench_eap, e.g. --vocab 1302 --repeats 3]
# Each line: which side, then its output (bench_eap: its Markdown row; the script: one JSON object).
set -eu
bench_eap=$1 rounds=$2
shift 2
here=$(dirname "$0")
export OMP_NUM_THREADS=2
for round in $(seq "$rounds"); do
    echo "round $round $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
    printf 'workbench '; nice -n 10 "$bench_eap" --threads 2 "$@"
    for method in split taps; do
        printf 'python-%s ' "$method"; nice -n 10 /usr/bin/python3 "$here/eap_reference.py" time --threads 2 --method "$method" "$@"
    done
done
