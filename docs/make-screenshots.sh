#!/bin/bash
# Takes the pictures in docs/images from the real program under Xvfb (run from the repository root after
# building). The circuit, compare, heatmap, scatter, run comparison and report pictures show a real project:
# the built-in logic-tiny model on synthetic:deductive:level1, made here with the CLI (about a minute on one
# core). The Results picture shows View > Project Results of the project RESULTS_PROJECT names (its finished
# compare runs, copied first), else --demo-views (synthetic data, labelled so in the window).
set -euo pipefail
out=docs/images
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
redit=build/app/redit
project=$work/example.redit
model=resources/models/logic-tiny
data=synthetic:deductive:level1

$redit circuits --project "$project" --model $model --data $data --pairs 8 --seed 0 --threads 1   # run 1
$redit circuits --project "$project" --model $model --data $data --pairs 8 --seed 1 --threads 1   # run 2
$redit distances --project "$project" --budgets 0.3 0.5 --circuits-run 1                         # run 3
$redit interference --project "$project" --steps 20 --threads 1                                    # run 4
$redit law --project "$project" --csv "$work/law.csv"                                              # run 5

# A fresh settings and data folder, so the user's own are neither used nor changed.
shoot() {
    local picture=$1
    shift
    XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data \
        xvfb-run -a -s '-screen 0 1400x900x24' build/app/redit-workbench "$@" --screenshot "$picture"
}
cat > "$work/interference.json" <<JSON
{"kind": "interference", "name": "interference level 1", "seed": 0, "device": "cpu", "model_id": 1,
 "dataset_id": 1, "params": {"model": "$PWD/$model", "data": "$data", "lora_steps": 30}}
JSON

# The newcomer's first minute: `redit-workbench` (what `make run` starts) with a fresh data folder opens the
# demo project, which computes circuits, distances, interference and the law (about 35 s on two idle cores).
first_minute() {
    local picture=$1 delay=$2 fresh
    fresh=$(mktemp -d -p "$work")
    XDG_CONFIG_HOME=$fresh/config XDG_DATA_HOME=$fresh/data \
        xvfb-run -a -s '-screen 0 1600x1000x24' build/app/redit-workbench --screenshot "$picture" --screenshot-delay "$delay"
}
first_minute $out/first-minute-computing.png 12000
first_minute $out/first-minute.png 60000

shoot $out/main-window.png --demo --show "launch:$work/interference.json" --show details:1 --screenshot-delay 9000
shoot $out/circuit-view.png "$project" --show circuit:1:sd1-03:0.3
shoot $out/circuit-compare.png "$project" --show compare:1:sd1-01:1:sd1-03:0.3
shoot $out/circuit-compare-runs.png "$project" --show compare:1:sd1-03:2:sd1-03:0.3
shoot $out/distance-heatmap.png "$project" --show run:3
shoot $out/interference-scatter.png "$project" --show run:5
shoot $out/run-comparison.png "$project" --show runs:1:2
if [[ -n ${RESULTS_PROJECT:-} ]]; then  # a project with finished compare runs (it is only read)
    cp "$RESULTS_PROJECT" "$work/results.redit"
    shoot $out/results.png "$work/results.redit" --show project-results
else
    shoot $out/results.png --demo-views --tab 0
fi
shoot "$work/window.png" "$project" --show run:3 --show run:5 --show compare:1:sd1-01:1:sd1-03:0.3 \
    --report $out/report.png
