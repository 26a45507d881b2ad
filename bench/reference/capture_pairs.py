#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The clean/corrupted batches `redit circuits` scores, recorded from the running binary, as a pairs file for
eap_reference.py. `redit circuits` draws its pairs inside the program (circuits/pattern_pairs.h) and stores
only the scores, so gdb logs the pattern of every trainPairs call, every prompt the tokenizer encodes (text
and ids) and the answer ids of every computeEapScores call (x86-64 System V: arguments in rdi, rsi, rdx;
EapBatch's answer vectors at bytes 32 and 56):

  gdb --batch -x bench/reference/capture_pairs.py -ex run --args build/app/redit circuits --project P.redit \\
      --model resources/models/logic-tiny --data synthetic:deductive:level1 --threads 2
  bench/reference/capture_pairs.py capture.jsonl pairs.json

(the first writes capture.jsonl in the working directory; EAPREF_CAPTURE names another file).
"""
import json
import os
import sys

try:
    import gdb  # noqa: F401  (inside gdb: set the breakpoints)
    IN_GDB = True
except ImportError:
    IN_GDB = False

if IN_GDB:
    out = open(os.environ.get("EAPREF_CAPTURE", "capture.jsonl"), "w")

    def inferior():
        return gdb.selected_inferior()

    def u64(addr, signed=False):
        return int.from_bytes(bytes(inferior().read_memory(addr, 8)), "little", signed=signed)

    def string(addr):  # libstdc++ std::string: pointer, size
        return bytes(inferior().read_memory(u64(addr), u64(addr + 8))).decode("utf-8")

    def reg(name):
        return int(gdb.parse_and_eval("$" + name)) & (2 ** 64 - 1)

    def emit(record):
        out.write(json.dumps(record) + "\n")
        out.flush()

    class Encoded(gdb.FinishBreakpoint):  # the std::vector<int32_t> returned through rdi
        def __init__(self, sret, text):
            super().__init__(gdb.newest_frame(), internal=True)
            self.sret, self.text = sret, text

        def stop(self):
            b, e = u64(self.sret), u64(self.sret + 8)
            raw = bytes(inferior().read_memory(b, e - b)) if e > b else b""
            emit({"encode": self.text, "ids": [int.from_bytes(raw[i:i + 4], "little", signed=True) for i in range(0, len(raw), 4)]})
            return False

    class Breakpoint(gdb.Breakpoint):
        def __init__(self, spec, kind):
            super().__init__(spec, internal=True)
            self.kind = kind

        def stop(self):
            if self.kind == "pattern":  # trainPairs(pattern, options): rdi = result, rsi = &pattern (id first)
                emit({"pattern": string(reg("rsi"))})
            elif self.kind == "encode":  # Tokenizer::encode(text, special): rdi = result, rsi = this, rdx = &text
                Encoded(reg("rdi"), string(reg("rdx")))
            else:  # computeEapScores(model, batch, options): rdi = result, rdx = &batch
                batch = reg("rdx")
                vec = lambda a: [u64(x, True) for x in range(u64(a), u64(a + 8), 8)]  # noqa: E731
                emit({"eap": True, "clean_answers": vec(batch + 32), "corrupted_answers": vec(batch + 56)})
            return False

    gdb.execute("set pagination off")
    string_type = "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >"
    Breakpoint("redit::trainPairs(redit::data::Pattern const&, redit::PairOptions const&)", "pattern")
    Breakpoint(f"redit::Tokenizer::encode({string_type} const&, bool) const", "encode")
    Breakpoint("redit::computeEapScores(redit::DecoderModel const&, redit::EapBatch const&, redit::EapOptions const&)", "eap")
else:
    records = [json.loads(line) for line in open(sys.argv[1])]
    batches, pattern, prompts, halves = [], None, [], 0
    for r in records:
        if "pattern" in r:
            pattern, prompts, halves = r["pattern"], [], 0
        elif "encode" in r:
            if r["encode"] in ("True", "False", "N"):  # the answer words (answerTokenIds)
                continue
            prompts.append(r["ids"])
        else:
            clean, corrupted = prompts[0::2], prompts[1::2]
            if len(clean) != len(r["clean_answers"]) or len(corrupted) != len(clean):
                raise SystemExit(f"{pattern}: {len(prompts)} prompts for {len(r['clean_answers'])} answers")
            batches.append({"name": f"{pattern}/{'AB'[halves]}", "clean": clean, "corrupted": corrupted,
                            "clean_answers": r["clean_answers"], "corrupted_answers": r["corrupted_answers"]})
            prompts, halves = [], halves + 1
    with open(sys.argv[2], "w") as f:
        json.dump({"pad_id": 0, "batches": batches}, f)
    print(f"{len(batches)} batches -> {sys.argv[2]}")
