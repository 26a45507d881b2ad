#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Compares eap_reference.py's scores with the circuits a `redit circuits` run stored in a project
(table `circuits`: little-endian float32 per edge in the graph's edge order, docs/store.md). A pattern's
whole circuit is the weighted mean of its halves, as pipeline/pattern_scores.cpp forms it.

  bench/reference/compare_scores.py P.redit scores.json [more-scores.json ...] [--run N]

Per circuit: the largest absolute difference, that divided by the circuit's largest |score| ("rel. to max"),
and the largest elementwise relative difference |a - b| / |b| over the edges with |b| >= 1e-3 max |score|.
"""
import argparse
import json
import sqlite3

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import eap_reference as eapref  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("project")
    p.add_argument("scores", nargs="+")
    p.add_argument("--run", type=int, default=0, help="circuits run id (0: the newest)")
    a = p.parse_args()
    db = sqlite3.connect(a.project)
    run = a.run or db.execute("SELECT MAX(run_id) FROM circuits").fetchone()[0]
    stored = {name: np.frombuffer(blob, dtype="<f4").astype(np.float64)
              for name, blob in db.execute("SELECT name, scores FROM circuits WHERE run_id = ?", (run,))}
    for path in a.scores:
        ref = json.load(open(path))
        mine = {b["name"]: (np.array(b["scores"]), b["examples"]) for b in ref["batches"]}
        c = eapref.Config({"vocab_size": 0, "hidden_size": 1, "intermediate_size": 0,
                           "num_hidden_layers": sum(1 for w in ref["writers"] if w.startswith("m")),
                           "num_attention_heads": sum(1 for w in ref["writers"] if w.startswith("a0.")),
                           "num_key_value_heads": sum(1 for r in ref["readers"] if r.startswith("a0.") and r.endswith("<k>"))})
        valid = eapref.edge_mask(c).numpy()  # row-major over it is the graph's edge order
        flat = {name: m[valid] for name, (m, _) in mine.items()}
        for name in sorted({k.split("/")[0] for k in flat}):
            (_, nA), (_, nB) = mine[name + "/A"], mine[name + "/B"]
            flat[name] = (nA * flat[name + "/A"] + nB * flat[name + "/B"]) / (nA + nB)
        print(f"{path}: method {ref['method']}, {ref['dtype']}, {len(flat)} circuits vs run {run} of {a.project}")
        print("| circuit | edges | max abs diff | rel. to max | max elementwise rel. |")
        print("|---|---|---|---|---|")
        worst = [0.0, 0.0, 0.0]
        for name in sorted(flat):
            x, y = flat[name], stored[name]
            d = np.abs(x - y)
            big = np.abs(y) >= 1e-3 * np.abs(y).max()
            figures = [d.max(), d.max() / np.abs(y).max(), (d[big] / np.abs(y[big])).max()]
            worst = [max(w, f) for w, f in zip(worst, figures)]
            print(f"| {name} | {len(y)} | {figures[0]:.2e} | {figures[1]:.2e} | {figures[2]:.2e} |")
        print(f"| all | | {worst[0]:.2e} | {worst[1]:.2e} | {worst[2]:.2e} |")


if __name__ == "__main__":
    main()
