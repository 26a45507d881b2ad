#!/usr/bin/env python3
"""Tokenizer parity: our tokenizer.json from GGUF metadata against llama.cpp and Hugging Face `tokenizers`.

Run by hand (not part of the build), from the repository root, after building the helper:

    nice cmake --build build --target gguf_tokenizer_tool
    /tmp/refvenv/bin/python scripts/reference/tokenizer_parity.py \
        --gguf /path/to/SmolLM2-135M-Instruct.Q4_1.gguf

Needs a Python with `gguf` (reads the metadata), `tokenizers` (Hugging Face) and `llama-cpp-python` (llama.cpp;
without it only ours and `tokenizers` are compared and no golden file is written).

Steps (docs/model.md, "Tokenizer from GGUF metadata"):
1. dumps the file's tokenizer.ggml.* metadata as JSON to WORK/smollm2_tokenizer_metadata.json (the vocabulary:
   keep it out of the repository; tests/model/test_gguf_tokenizer.cpp reads it from build/parity/);
2. runs build/tests/model/gguf_tokenizer_tool, which builds WORK/tokenizer.json with tokenizerJsonFromGguf and
   encodes the test strings with our Tokenizer;
3. encodes the same strings with llama.cpp (vocab_only) and with `tokenizers` loading OUR tokenizer.json;
4. reports every disagreement and the agreement figures, and writes the golden ids from llama.cpp to
   tests/model/golden/smollm2_token_ids.json.
Exit status 1 when anything disagrees.
"""
import argparse
import json
import os
import subprocess
import sys

# Our own test strings. A case is (text, parse_special): with parse_special llama.cpp matches control tokens
# such as <|im_start|> in the text, as Hugging Face always does.
CASES = [
    ("Hello world", False),
    ("Hello  world", False),
    (" leading space", False),
    ("   three leading spaces", False),
    ("trailing space ", False),
    ("trailing spaces   ", False),
    ("multiple     spaces   inside", False),
    ("   ", False),
    ("", False),
    ("12345", False),
    ("3.14", False),
    ("pi is 3.14159, e is 2.71828", False),
    ("Call 555-0123 or pay $1,000,000.00!", False),
    ("in 2024 and 1999s", False),
    ("Punctuation: hello, world! (yes?) [no] {maybe}; a-b_c/d\\e ... --- ***", False),
    ("\"Quoted\" and 'single' quotes", False),
    ("don't won't I'm you're they've we'll he'd it's", False),
    ("DON'T SHOUT, IT'S LOUD; WE'LL SEE", False),
    ("rock 'n' roll, the '90s", False),
    ("caf\u00e9 r\u00e9sum\u00e9 na\u00efve \u00e9", False),
    ("\u00dcmlauts \u00c4\u00d6\u00dc \u00e4\u00f6\u00fc \u00df", False),
    ("\u4e2d\u6587\u5b57\u7b26\u6d4b\u8bd5", False),
    ("\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8 \ud55c\uad6d\uc5b4", False),
    ("\u0440\u0443\u0441\u0441\u043a\u0438\u0439 \u0442\u0435\u043a\u0441\u0442, \u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac", False),
    ("\u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u0939\u093f\u0928\u094d\u0926\u0940", False),
    ("emoji \U0001F600\U0001F44D\U0001F3FD and \u2764\ufe0f!", False),
    ("superscripts x\u00b2 \u00bd \u0663\u0664", False),
    ("\ufb01 ligature and a\u00a0non-breaking space", False),
    ("line one\nline two\n\nline four", False),
    ("ends with newline\n", False),
    ("\n\n\n", False),
    ("tab\tseparated\tvalues\t\t", False),
    ("\r\nwindows\r\nnewlines", False),
    ("mixed \t \n whitespace", False),
    ("    indented code:\n        return x + 1", False),
    ("x=1+2*3/4; y<=5 && z>=6 || w!=7", False),
    ("https://example.com/path?q=1&r=2#frag", False),
    ("snake_case camelCase PascalCase kebab-case", False),
    ("Premise: All birds can fly. Penguins are birds.\n"
     "Conclusion: Penguins can fly.\n"
     "Is the conclusion true? (Answer only in True, False, or N/A (Neither)). Answer:", False),
    ("If it rains, the ground is wet. It rains. Is the ground wet? "
     "(Answer only in True, False, or N/A (Neither)). Answer: True", False),
    (" True", False),
    (" False", False),
    (" N/A", False),
    ("<|im_start|>user\nIs it true?<|im_end|>\n<|im_start|>assistant\n", True),
    ("<|endoftext|>text after the end", True),
]

METADATA_NAME = "smollm2_tokenizer_metadata.json"


def dump_metadata(gguf_path, out_path):
    import gguf

    reader = gguf.GGUFReader(gguf_path)
    dump = {}
    for key, field in reader.fields.items():
        if not key.startswith("tokenizer."):
            continue
        value = field.contents()
        if key == "tokenizer.ggml.token_type":
            value = [int(v) for v in value]
        dump[key] = value
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(dump, f, ensure_ascii=False)
    return dump


def llama_cpp_ids(gguf_path):
    try:
        import llama_cpp
    except ImportError:
        print("llama-cpp-python is not installed: llama.cpp is left out, no golden file is written")
        return None, None
    llm = llama_cpp.Llama(model_path=gguf_path, vocab_only=True, verbose=False)
    ids = [llm.tokenize(text.encode("utf-8"), add_bos=False, special=special) for text, special in CASES]
    return ids, "llama.cpp (llama-cpp-python " + llama_cpp.__version__ + ")"


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gguf", required=True)
    parser.add_argument("--tool", default=os.path.join(root, "build/tests/model/gguf_tokenizer_tool"))
    parser.add_argument("--work", default=os.path.join(root, "build/parity"))
    parser.add_argument("--golden", default=os.path.join(root, "tests/model/golden/smollm2_token_ids.json"))
    args = parser.parse_args()

    os.makedirs(args.work, exist_ok=True)
    metadata = os.path.join(args.work, METADATA_NAME)
    dump = dump_metadata(args.gguf, metadata)
    print(f"metadata: {metadata} (model {dump.get('tokenizer.ggml.model')!r}, pre {dump.get('tokenizer.ggml.pre')!r}, "
          f"{len(dump.get('tokenizer.ggml.tokens', []))} tokens, {len(dump.get('tokenizer.ggml.merges', []))} merges)")

    tokenizer_json = os.path.join(args.work, "tokenizer.json")
    strings = os.path.join(args.work, "strings.json")
    ours_path = os.path.join(args.work, "ours_ids.json")
    with open(strings, "w", encoding="utf-8") as f:
        json.dump([text for text, _ in CASES], f, ensure_ascii=False)
    subprocess.run([args.tool, metadata, tokenizer_json, strings, ours_path], check=True)
    with open(ours_path, encoding="utf-8") as f:
        ours = json.load(f)

    import tokenizers

    hf = tokenizers.Tokenizer.from_file(tokenizer_json)
    hf_ids = [hf.encode(text, add_special_tokens=False).ids for text, _ in CASES]
    llama, reference = llama_cpp_ids(args.gguf)

    columns = [("ours", ours), ("tokenizers " + tokenizers.__version__, hf_ids)]
    if llama is not None:
        columns.append((reference, llama))
    baseline_name, baseline = columns[-1]
    agreeing_strings = 0
    total_ids = 0
    agreeing_ids = 0
    for i, (text, special) in enumerate(CASES):
        expected = baseline[i]
        total_ids += len(expected) * (len(columns) - 1)
        all_agree = True
        for name, ids in columns[:-1]:
            same = sum(1 for a, b in zip(ids[i], expected) if a == b) if len(ids[i]) == len(expected) else 0
            agreeing_ids += same
            if ids[i] != expected:
                all_agree = False
                print(f"DISAGREE {text!r}{' (special)' if special else ''}:\n  {name}: {ids[i]}\n  {baseline_name}: {expected}")
        agreeing_strings += all_agree
    names = ", ".join(name for name, _ in columns)
    print(f"{agreeing_strings}/{len(CASES)} strings agree across {names}; "
          f"{agreeing_ids}/{total_ids} ids agree with {baseline_name} "
          f"({sum(len(ids) for ids in baseline)} ids per tokenizer)")

    if llama is not None:
        golden = {
            "comment": "llama.cpp token ids for our test strings; written by scripts/reference/tokenizer_parity.py",
            "model": os.path.basename(args.gguf),
            "reference": reference,
            "cases": [
                dict({"string": text, "ids": ids}, **({"parse_special": True} if special else {}))
                for (text, special), ids in zip(CASES, llama)
            ],
        }
        with open(args.golden, "w", encoding="utf-8") as f:
            json.dump(golden, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print(f"golden ids: {args.golden}")
    return 0 if agreeing_strings == len(CASES) else 1


if __name__ == "__main__":
    sys.exit(main())
