#!/usr/bin/env python3
"""Next-token logits of our decoder against llama.cpp on the same GGUF file (run by hand, not by CI).

Needs a venv with llama-cpp-python and numpy (PyPI), and a built `redit`:
    python3 -m venv /tmp/refvenv && /tmp/refvenv/bin/pip install numpy llama-cpp-python
    /tmp/refvenv/bin/python scripts/reference/logits_compare.py build/models/smollm2-135m-instruct.Q4_1.gguf \
        --redit build/app/redit --markdown docs/reference/smollm2-logits.md

For each prompt, llama.cpp tokenizes it (its ids are also compared with ours) and computes the logits of the
last position; our `redit model logits` computes them on the same ids from the dequantised weights. llama.cpp
multiplies quantised weights by activations quantised to 8 bits (Q8_1 for Q4_1 rows), we multiply
dequantised fp32 weights by fp32 activations, so the two differ by quantisation noise, not by a bug: the
figures that matter are the top-1 agreement, the overlap of the top-10 and the KL divergence of the two
next-token distributions.
"""
import argparse
import json
import subprocess
import sys
import tempfile

import numpy as np
from llama_cpp import Llama

PROMPTS = [
    "The capital of France is",
    "Water boils at a temperature of",
    "One, two, three, four,",
    "The opposite of hot is",
    "alice is True.\nbob is False.\n(alice or bob) -> carol.\nDeduce the result of carol."
    " (Answer only in True, False, or N/A (Neither)). Answer:",
]


def softmax(x):
    e = np.exp(x - x.max())
    return e / e.sum()


def ours(redit, model, ids):
    with tempfile.NamedTemporaryFile(suffix=".f32") as out:
        subprocess.run([redit, "model", "logits", model, "--ids", ",".join(map(str, ids)), "--out", out.name],
                       check=True, stdout=subprocess.DEVNULL)
        return np.fromfile(out.name, dtype="<f4")


def our_ids(redit, model, text):
    result = subprocess.run([redit, "tokenize", model, "--text", text, "--ids-only"], check=True,
                            capture_output=True, text=True)
    return [int(t) for t in result.stdout.split()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gguf")
    parser.add_argument("--redit", default="build/app/redit")
    parser.add_argument("--markdown", help="write the table here as well")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    llm = Llama(model_path=args.gguf, n_ctx=512, logits_all=True, n_threads=args.threads, verbose=False)
    rows = []
    for prompt in PROMPTS:
        ids = llm.tokenize(prompt.encode("utf-8"), add_bos=False, special=False)
        llm.reset()
        llm.eval(ids)
        reference = np.array(llm.scores[len(ids) - 1], dtype=np.float64)
        mine = ours(args.redit, args.gguf, ids).astype(np.float64)
        assert mine.shape == reference.shape, (mine.shape, reference.shape)
        p, q = softmax(reference), softmax(mine)
        top10_ref, top10_ours = set(np.argsort(-reference)[:10]), set(np.argsort(-mine)[:10])
        rows.append({
            "prompt": prompt.splitlines()[0][:40] + ("..." if len(prompt) > 40 else ""),
            "tokens": len(ids),
            "same ids": our_ids(args.redit, args.gguf, prompt) == list(ids),
            "top-1 (llama.cpp / ours)": f"{llm.detokenize([int(reference.argmax())]).decode(errors='replace')!r}"
                                        f" / {llm.detokenize([int(mine.argmax())]).decode(errors='replace')!r}",
            "top-1 agree": bool(reference.argmax() == mine.argmax()),
            "top-10 overlap": len(top10_ref & top10_ours),
            "max |dlogit|": float(np.abs(reference - mine).max()),
            "corr": float(np.corrcoef(reference, mine)[0, 1]),
            "KL(ref||ours)": float(np.sum(p * (np.log(p + 1e-30) - np.log(q + 1e-30)))),
        })
    header = list(rows[0].keys())
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        lines.append("| " + " | ".join(f"{v:.4g}" if isinstance(v, float) else str(v) for v in r.values()) + " |")
    table = "\n".join(lines)
    print(table)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(table + "\n")
    json.dump(rows, sys.stderr, indent=1)
    ok = all(r["top-1 agree"] and r["same ids"] for r in rows)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
