#!/usr/bin/env bash
# A sweep on a real single-node Slurm (docs/cluster.md): 4 eval cells of logic-tiny run with --local 2,
# then as a Slurm array job; both are collected and must hold the same results. A second submission has
# one task cancelled midway with scancel; `redit sweep run --slurm --resume` resubmits that cell, which
# continues from its checkpoint, and the collected results are again the same.
# Usage: test_slurm_sweep.sh REDIT SOURCE_DIR. Exit 77 (ctest: skipped) with the reason where Slurm cannot
# be started: not root, or slurmctld/slurmd/munge not installed (packaging/install-deps.sh installs them).
set -uo pipefail
redit=$1
source_dir=$2
skip() { echo "SKIPPED: $*"; exit 77; }
fail() { echo "FAILED: $*"; [ -n "${work:-}" ] && tail -n 20 "$work"/*.sweep/slurm/logs/* 2>/dev/null; exit 1; }

[ "$(id -u)" = 0 ] || skip "starting slurmctld and slurmd as SlurmUser root needs root"
for program in munged slurmctld slurmd sbatch squeue scancel sinfo; do
  command -v "$program" >/dev/null || skip "$program is not installed (slurmctld, slurmd, slurm-client, munge)"
done

work=$(mktemp -d /tmp/redit-slurm-test.XXXXXX)
source "$source_dir/tests/sweep/slurm_cluster.sh"
# The watchdog guards against a hang, not slowness: the test took 1 min 40 s beside a build and over 7 min
# on a machine starved by a fine-tune, so its limit is generous.
# The daemons never outlive the test: every exit (a failure, ctest's timeout signal, the watchdog) stops them.
cleanup() {
  [ -n "${watchdog:-}" ] && kill "$watchdog" 2>/dev/null
  stop_slurm_cluster "$work/cluster"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "FAILED: stopped by a signal (the watchdog: more than 900 s)"; exit 1' TERM INT
( trap 'kill "$nap" 2>/dev/null; exit 0' TERM
  sleep 900 & nap=$!
  wait "$nap" && kill -TERM $$ ) 2>/dev/null &
watchdog=$!
start_slurm_cluster "$work/cluster" ||
  skip "Slurm could not be started here: $(cat "$work"/cluster/log/*.log 2>/dev/null | tail -n 3 | tr '\n' ' ')"
cd "$work"

# Cells (axes in key order, the last fastest): 0 small/all, 1 small/probe, 2 large/all (the slow one, about
# 10-20 s, checkpointed per pattern), 3 large/probe.
write_spec() {
  cat >"$1.json" <<SPEC
{"name": "$1", "folder": "$1.sweep",
 "run": {"kind": "eval", "params": {"model": "$source_dir/resources/models/logic-tiny", "batch_size": 2,
                                     "patterns_per_checkpoint": 1}},
 "axes": {"params.data": ["synthetic:deductive:level1:n=3", "synthetic:deductive:level1:per_domain=12"],
          "params.instances": ["all", "probe"]}}
SPEC
}
for name in local slurm kill; do write_spec "$name"; done
cat >site.json <<SITE
{"partition": "debug", "cpus_per_task": 1, "time": "00:10:00", "preamble": ["echo \"cell \$SLURM_ARRAY_TASK_ID on \$(hostname)\""]}
SITE

timeout 60 "$redit" sweep plan slurm.json >plan.txt || fail "sweep plan"
cat plan.txt
grep -q "^cells: *4" plan.txt || fail "the plan does not list 4 cells"

# Waits until every cell of a spec is done (or fails when a cell failed or after 120 polls a second apart).
wait_done() {
  local status
  for _ in $(seq 120); do
    status=$(timeout 30 "$redit" sweep status "$1.json") || fail "sweep status $1"
    grep -q "^4 cells: 4 done" <<<"$status" && { echo "$status"; return 0; }
    grep -q " [1-9][0-9]* failed" <<<"$status" && { echo "$status"; fail "a cell of $1 failed"; }
    sleep 1
  done
  echo "$status"
  fail "the cells of $1 did not finish in 120 polls"
}

results() { timeout 60 "$redit" export --project "$1" --what results; }

begin=$(date +%s%N)
timeout 120 "$redit" sweep run local.json --local 2 || fail "sweep run --local 2"
local_ms=$((($(date +%s%N) - begin) / 1000000))
timeout 60 "$redit" sweep collect local.json --project local.redit || fail "collect local"

begin=$(date +%s%N)
timeout 60 "$redit" sweep run slurm.json --slurm --site site.json | tee submit.txt || fail "sweep run --slurm"
grep -q "submitted array job" submit.txt || fail "no array job was submitted"
grep -q "^#SBATCH --array=0-3$" slurm.sweep/slurm/submit-1.sbatch || fail "the script's array is not 0-3"
wait_done slurm
slurm_ms=$((($(date +%s%N) - begin) / 1000000))
timeout 60 "$redit" sweep collect slurm.json --project slurm.redit || fail "collect slurm"
timeout 60 "$redit" sweep collect slurm.json --project slurm.redit | grep -q "4 merged before" || fail "a second collect is not idempotent"
[ "$(results local.redit)" = "$(results slurm.redit)" ] || fail "the Slurm sweep's results differ from the local sweep's"
[ "$(results slurm.redit | grep -c eval_summary)" = 4 ] || fail "the merged project does not hold 4 eval runs"
timeout 30 "$redit" runs show 1 --project slurm.redit | grep "merged from" | grep -q '"node":"localhost"' ||
  fail "the merged run does not record its Slurm node"
timeout 30 "$redit" runs show 1 --project slurm.redit | grep "merged from" | grep -q '"slurm_job_id"' ||
  fail "the merged run does not record its Slurm job"

# Kill cell 2 midway, then resume it.
timeout 60 "$redit" sweep run kill.json --slurm --site site.json >submit.txt || fail "sweep run --slurm (kill)"
job=$(sed -n 's/submitted array job \([0-9]*\).*/\1/p' submit.txt)
progress=""
for _ in $(seq 600); do
  progress=$(timeout 30 "$redit" sweep status kill.json | awk '$1 == 2 {print $0}')
  grep -Eq "running +[1-9][0-9]?%" <<<"$progress" && break
  sleep 0.1
done
grep -Eq "running +[1-9][0-9]?%" <<<"$progress" || fail "cell 2 was never seen running midway: $progress"
scancel "${job}_2" || fail "scancel ${job}_2"
echo "scancel ${job}_2 at: $progress"
for _ in $(seq 120); do
  status=$(timeout 30 "$redit" sweep status kill.json)
  grep -q "^4 cells: 3 done, 0 running, 0 pending, 1 failed" <<<"$status" && break
  sleep 1
done
echo "$status"
grep -q "^4 cells: 3 done, 0 running, 0 pending, 1 failed" <<<"$status" || fail "the cancelled cell is not the one failed cell"
refusal=$(timeout 60 "$redit" sweep run kill.json --slurm --site site.json 2>&1) &&
  fail "a stopped cell was resubmitted without --resume"
grep -q "cells 2 (cancelled) were started before; --resume" <<<"$refusal" || fail "unexpected refusal: $refusal"
timeout 60 "$redit" sweep run kill.json --slurm --site site.json --resume || fail "sweep run --slurm --resume"
grep -q "^#SBATCH --array=2$" kill.sweep/slurm/submit-2.sbatch || fail "the resubmission is not of cell 2 alone"
wait_done kill
timeout 30 "$redit" runs show 1 --project kill.sweep/cells/2/cell.redit | grep -q "info resumed" ||
  fail "cell 2 did not resume from its checkpoint"
timeout 60 "$redit" sweep collect kill.json --project kill.redit || fail "collect kill"
[ "$(results local.redit)" = "$(results kill.redit)" ] || fail "the resumed sweep's results differ from the local sweep's"

echo "PASSED: 4 cells; wall time --local 2: $local_ms ms, Slurm (1 CPU per task, submit to collect-ready): $slurm_ms ms;" \
  "cell 2 cancelled midway and resumed"
