#!/usr/bin/env python3
"""Differential conformance corpus: what the reference implementations read, refuse and produce (issue #18).

Run by hand (not by CI), from the repository root, with the reference packages from PyPI in a venv:

    python3 -m venv /tmp/refvenv && /tmp/refvenv/bin/pip install tokenizers==0.23.3 safetensors==0.8.0 \
        numpy==2.4.6 gguf==0.19.0 transformers==5.25.0
    /tmp/refvenv/bin/python scripts/reference/conformance_corpus.py [--smollm2 PATH/tokenizer.json] \
        [--smollm2-gguf PATH/smollm2-135m-instruct.Q4_1.gguf] [--only tokenizers,safetensors,gguf,config,shards]

Writes tests/model/golden/conformance/{tokenizers,safetensors,gguf,config,shards}.json.qz: JSON compressed with
zlib behind a 4-byte big-endian length (Qt's qUncompress format), replayed offline by
tests/model/test_conformance.cpp:

- tokenizers: tokenizers of each family's shape (Llama 2, Mistral, Gemma, SmolLM2, Llama 3, GPT-2/RoBERTa,
  BERT, ...) trained with the `tokenizers` library on a tiny text (small vocabularies), and seeded mutations of
  them; for each, whether `tokenizers` loads it, and for every corpus string the ids (without and with
  special tokens) and the decoded text, or that it refuses;
- safetensors: a small checkpoint and seeded mutations of it (header length, truncation, appended bytes,
  offsets, dtypes, shapes, metadata, JSON damage, random header bytes); for each, whether `safetensors`
  accepts it and, when it does, each tensor's dtype, shape and the sha256 of its bytes;
- gguf, config, shards: see conformance_gguf.py, conformance_config.py and conformance_shards.py (GGUF files
  judged by the `gguf` package and llama.cpp's loader rules; config.json variants by transformers' config
  loading; sharded checkpoints with model.safetensors.index.json as transformers loads them).

With --smollm2, also records the reference ids of the corpus strings for that tokenizer.json (kept out of the
repository: tests read it from $REDIT_SMOLLM2_TOKENIZER) in smollm2.json.qz.
"""
import argparse
import copy
import hashlib
import json
import os
import random
import struct
import zlib

import numpy as np
import safetensors
from safetensors.numpy import save as st_save
import tokenizers
from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

OUT = "tests/model/golden/conformance"
SEED = 18

STRINGS = [
    "", " ", "   ", "Hello world", "Hello  world", " leading space", "trailing space ", "a\tb\nc\r\nd",
    "multiple     spaces   inside", "The year 2024 has 366 days; 1,234.56 and 007.", "3.14159", "x=1+2*3-4/5",
    "Hello, world! How's it going? (fine) [ok] {yes} <no>", "don't won't I'm we'll they're you've he'd",
    "e-mail: someone@example.com; http://x.org/a?b=c&d=e#f", "...!!!???---___", "\"quoted\" 'single'",
    "café naïve résumé façade", "Cafe\u0301 (combining accent)", "ÀÉÎÕÜ Ñ Ç ß ẞ İ ı", "Ελληνικά Σίσυφος ΟΔΟΣ",
    "Привет, мир!", "中文字符测试", "日本語のテキスト、カタカナ ー ひらがな", "한국어 텍스트", "עברית ועברית",
    "العربية", "हिन्दी", "emoji 😀👍🏽 🇫🇷 ❤️", "zero\u200bwidth\u00a0nbsp\u3000ideographic",
    "Ünïcödé ünknown ǅ ﬁ ① ²", "tab\tend\t", "\n\nnewlines\n\n", "  <s>  ", "<s>Hello</s>",
    "Hello <s> world </s>", "<s>", "a<s>b</s>c", "[CLS] text [SEP]", "<|endoftext|>after", "mid<|im_start|>dle",
    "<|im_start|>user\nHi<|im_end|>", "MiXeD CaSe WoRdS", "ab" * 40, "z" * 50, "~`^|\\", "\u2581already\u2581metaspace",
    "12345678901234567890", "x\u0000y", "END.",
]

TRAIN_TEXT = [
    "Hello world, this is a tiny training text for the conformance corpus.",
    "The quick brown fox jumps over the lazy dog. 0123456789 numbers and more numbers 2024.",
    "Interpretability research reads models: attention heads, residual streams, logits.",
    "café naïve résumé, Привет мир, Ελληνικά, 中文 日本語 カタカナ, don't won't I'm.",
    "Punctuation: commas, periods. Questions? Exclamations! (Parentheses) [brackets] {braces} <angles>.",
] * 3


def write_qz(name, value):
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    packed = struct.pack(">I", len(data)) + zlib.compress(data, 9)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(packed)
    print(f"{OUT}/{name}: {len(packed)} bytes ({len(data)} uncompressed)")


# ---------------------------------------------------------------- tokenizers

BYTE_TOKENS = [f"<0x{b:02X}>" for b in range(256)]


def train_bpe(model_kwargs, normalizer=None, pre=None, vocab_size=220, specials=(), trainer_kwargs=None,
              byte_tokens=False):
    """A small BPE trained on TRAIN_TEXT, as tokenizer.json (dict)."""
    tok = Tokenizer(models.BPE(**model_kwargs))
    if normalizer is not None:
        tok.normalizer = normalizer
    if pre is not None:
        tok.pre_tokenizer = pre
    kwargs = dict(vocab_size=vocab_size, special_tokens=list(specials), show_progress=False)
    kwargs.update(trainer_kwargs or {})
    tok.train_from_iterator(TRAIN_TEXT, trainers.BpeTrainer(**kwargs))
    j = json.loads(tok.to_str())
    if byte_tokens:  # SentencePiece-style: the 256 <0xAB> tokens in the model vocabulary, right after specials
        vocab = j["model"]["vocab"]
        items = sorted(vocab.items(), key=lambda kv: kv[1])
        n_special = len(specials)
        ordered = [t for t, _ in items[:n_special]] + BYTE_TOKENS + [t for t, _ in items[n_special:]
                                                                      if t not in BYTE_TOKENS]
        j["model"]["vocab"] = {t: i for i, t in enumerate(ordered)}
        remap = {t: i for i, t in enumerate(ordered)}
        for a in j["added_tokens"]:
            a["id"] = remap[a["content"]]
    return j


def template(bos, bos_id, eos=None, eos_id=None):
    single = [{"SpecialToken": {"id": bos, "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}]
    specials = {bos: {"id": bos, "ids": [bos_id], "tokens": [bos]}}
    if eos:
        single.append({"SpecialToken": {"id": eos, "type_id": 0}})
        specials[eos] = {"id": eos, "ids": [eos_id], "tokens": [eos]}
    pair = single + [{"Sequence": {"id": "B", "type_id": 1}}]
    return {"type": "TemplateProcessing", "single": single, "pair": pair, "special_tokens": specials}


def sp_decoder(strip=True):
    ds = [{"type": "Replace", "pattern": {"String": "\u2581"}, "content": " "}, {"type": "ByteFallback"},
          {"type": "Fuse"}]
    if strip:
        ds.append({"type": "Strip", "content": " ", "start": 1, "stop": 0})
    return {"type": "Sequence", "decoders": ds}


def families():
    fam = {}
    sp = ["<unk>", "<s>", "</s>"]

    # Llama 2 (also Mistral v0.1, Phi-3): SentencePiece-style BPE, byte fallback, Prepend + Replace.
    norm = normalizers.Sequence([normalizers.Prepend("\u2581"), normalizers.Replace(" ", "\u2581")])
    j = train_bpe(dict(unk_token="<unk>", byte_fallback=True, fuse_unk=True), normalizer=norm, specials=sp,
                  byte_tokens=True)
    j["decoder"] = sp_decoder()
    j["post_processor"] = template("<s>", 1)
    fam["llama2"] = j

    # Mistral (newer files): Metaspace pre-tokenizer, prepend_scheme first, no split.
    ms = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="first", split=False)
    j = train_bpe(dict(unk_token="<unk>", byte_fallback=True, fuse_unk=True), pre=ms, specials=sp, byte_tokens=True)
    j["decoder"] = {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "first", "split": False}
    j["post_processor"] = template("<s>", 1)
    fam["mistral_metaspace_first"] = j

    ms = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always", split=True)
    j = train_bpe(dict(unk_token="<unk>", byte_fallback=True), pre=ms, specials=sp, byte_tokens=True)
    j["decoder"] = {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True}
    fam["metaspace_always_split"] = j

    ms = pre_tokenizers.Metaspace(replacement="_", prepend_scheme="never", split=True)
    j = train_bpe(dict(unk_token="<unk>", fuse_unk=False), pre=ms, specials=sp)
    j["decoder"] = {"type": "Metaspace", "replacement": "_", "prepend_scheme": "never", "split": True}
    fam["metaspace_never_unk"] = j

    # Gemma: Replace(" ", "▁") only, byte fallback, no Strip.
    j = train_bpe(dict(unk_token="<unk>", byte_fallback=True), normalizer=normalizers.Replace(" ", "\u2581"),
                  specials=["<pad>", "<eos>", "<bos>", "<unk>"], byte_tokens=True)
    j["decoder"] = sp_decoder(strip=False)
    j["post_processor"] = template("<bos>", 2)
    fam["gemma"] = j

    # SmolLM2 / StarCoder: individual digits then byte-level.
    bl = pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=True),
                                  pre_tokenizers.ByteLevel(add_prefix_space=False)])
    j = train_bpe({}, pre=bl, specials=["<|endoftext|>", "<|im_start|>", "<|im_end|>"],
                  trainer_kwargs=dict(initial_alphabet=pre_tokenizers.ByteLevel.alphabet()), vocab_size=330)
    j["decoder"] = {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True}
    j["post_processor"] = {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True}
    fam["smollm2_shape"] = j

    # Llama 3: Split regex + ByteLevel without regex, ignore_merges.
    rx = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|"
          r"\s+(?!\S)|\s+")
    l3 = pre_tokenizers.Sequence([pre_tokenizers.Split(tokenizers.Regex(rx), behavior="isolated"),
                                  pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    j = train_bpe(dict(ignore_merges=True), pre=l3, specials=["<|begin_of_text|>", "<|end_of_text|>"],
                  trainer_kwargs=dict(initial_alphabet=pre_tokenizers.ByteLevel.alphabet()), vocab_size=330)
    j["decoder"] = {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True}
    j["post_processor"] = {"type": "Sequence", "processors": [
        {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
        template("<|begin_of_text|>", 0)]}
    fam["llama3_shape"] = j

    # GPT-2 / RoBERTa: ByteLevel with prefix space, RobertaProcessing.
    j = train_bpe({}, pre=pre_tokenizers.ByteLevel(add_prefix_space=True), specials=["<s>", "<pad>", "</s>", "<unk>"],
                  trainer_kwargs=dict(initial_alphabet=pre_tokenizers.ByteLevel.alphabet()), vocab_size=330)
    j["decoder"] = {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True}
    j["post_processor"] = {"type": "RobertaProcessing", "sep": ["</s>", 2], "cls": ["<s>", 0], "trim_offsets": True,
                           "add_prefix_space": True}
    fam["roberta_shape"] = j

    # BERT-like: BertNormalizer, BertPreTokenizer, BPE with ## continuing-subword prefix, WordPiece decoder.
    j = train_bpe(dict(unk_token="[UNK]", continuing_subword_prefix="##"),
                  normalizer=normalizers.BertNormalizer(lowercase=True), pre=pre_tokenizers.BertPreTokenizer(),
                  specials=["[PAD]", "[UNK]", "[CLS]", "[SEP]"], trainer_kwargs=dict(continuing_subword_prefix="##"))
    j["decoder"] = {"type": "WordPiece", "prefix": "##", "cleanup": True}
    j["post_processor"] = {"type": "BertProcessing", "sep": ["[SEP]", 3], "cls": ["[CLS]", 2]}
    fam["bert_shape"] = j

    # Lowercase, Strip, StripAccents, Punctuation, end_of_word_suffix.
    norm = normalizers.Sequence([normalizers.NFD(), normalizers.StripAccents(), normalizers.Lowercase(),
                                 normalizers.Strip(left=True, right=True)])
    pre = pre_tokenizers.Sequence([pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Punctuation(behavior="isolated")])
    j = train_bpe(dict(unk_token="<unk>", end_of_word_suffix="</w>", fuse_unk=True), normalizer=norm, pre=pre,
                  specials=["<unk>"], trainer_kwargs=dict(end_of_word_suffix="</w>"))
    fam["lower_strip_punct"] = j

    # UnicodeScripts, CharDelimiterSplit, Punctuation merged, Strip left only.
    pre = pre_tokenizers.Sequence([pre_tokenizers.CharDelimiterSplit(" "), pre_tokenizers.UnicodeScripts(),
                                   pre_tokenizers.Punctuation(behavior="merged_with_previous")])
    j = train_bpe(dict(unk_token="<unk>"), normalizer=normalizers.Strip(left=True, right=False), pre=pre,
                  specials=["<unk>"])
    fam["scripts_chardelim"] = j

    # Metaspace inside a Sequence after a Split (only the first piece starts at offset 0).
    pre = pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=False),
                                   pre_tokenizers.Metaspace(prepend_scheme="first", split=True)])
    j = train_bpe(dict(unk_token="<unk>", byte_fallback=True), pre=pre, specials=sp, byte_tokens=True)
    j["decoder"] = {"type": "Sequence", "decoders": [
        {"type": "ByteFallback"}, {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "first",
                                   "split": True}, {"type": "Fuse"}]}
    fam["digits_then_metaspace"] = j

    # BERT: WordPiece model (uncased), and a cased one with short words only and no [UNK] in the vocabulary.
    for name, lowercase, max_chars, unk in (("bert_wordpiece", True, 100, "[UNK]"),
                                            ("wordpiece_cased_short_no_unk", False, 8, "<missing>")):
        tok = Tokenizer(models.WordPiece(unk_token="[UNK]", max_input_chars_per_word=max_chars))
        tok.normalizer = normalizers.BertNormalizer(lowercase=lowercase)
        tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
        tok.train_from_iterator(TRAIN_TEXT, trainers.WordPieceTrainer(
            vocab_size=220, special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]"], show_progress=False))
        j = json.loads(tok.to_str())
        j["model"]["unk_token"] = unk
        j["decoder"] = {"type": "WordPiece", "prefix": "##", "cleanup": True}
        j["post_processor"] = {"type": "BertProcessing", "sep": ["[SEP]", 3], "cls": ["[CLS]", 2]}
        fam[name] = j
    return fam


def add_tokens(j, extra):
    """Added tokens of every flavour (special or not, normalized or not, lstrip/rstrip/single_word)."""
    j = copy.deepcopy(j)
    next_id = max(list(j["model"]["vocab"].values()) + [a["id"] for a in j["added_tokens"]]) + 1
    for content, special, normalized, lstrip, rstrip, single_word in extra:
        if any(a["content"] == content for a in j["added_tokens"]):
            continue
        j["added_tokens"].append({"id": next_id, "content": content, "single_word": single_word, "lstrip": lstrip,
                                  "rstrip": rstrip, "normalized": normalized, "special": special})
        next_id += 1
    return j


def reference_tokenizer(j):
    text = json.dumps(j, ensure_ascii=False)
    try:
        tok = Tokenizer.from_str(text)
    except BaseException as e:  # noqa: BLE001 - any refusal; a Rust panic (bad base64) is a BaseException
        if isinstance(e, KeyboardInterrupt):
            raise
        return {"loads": False, "error": str(e)[:200]}
    cases = []
    for s in STRINGS:
        case = {"text": s}
        try:
            ids = tok.encode(s, add_special_tokens=False).ids
            case["ids"] = ids
            case["ids_special"] = tok.encode(s, add_special_tokens=True).ids
        except Exception as e:  # noqa: BLE001
            case["error"] = str(e)[:200]
        except BaseException as e:  # noqa: BLE001 - a Rust panic (a damaged charsmap): not comparable
            if isinstance(e, KeyboardInterrupt):
                raise
            case.pop("ids", None)
            case["encode_panic"] = str(e)[:200]
        if "ids" in case:
            try:
                case["decoded"] = tok.decode(ids, skip_special_tokens=False)
            except BaseException as e:  # noqa: BLE001 - a Rust panic is a BaseException: not comparable
                case["decode_panic"] = str(e)[:200]
        cases.append(case)
    return {"loads": True, "cases": cases}


def tokenizer_mutations(base, rng):
    """(name, tokenizer.json) variants: each flag and option, and damage the reference may refuse."""
    out = []

    def mut(name, fn):
        j = copy.deepcopy(base)
        fn(j)
        out.append((name, j))

    mut("byte_fallback off", lambda j: j["model"].update(byte_fallback=False))
    mut("fuse_unk flipped", lambda j: j["model"].update(fuse_unk=not j["model"].get("fuse_unk", False)))
    mut("no unk_token", lambda j: j["model"].update(unk_token=None))
    mut("unk_token not in vocab", lambda j: j["model"].update(unk_token="<nope>"))
    mut("ignore_merges on", lambda j: j["model"].update(ignore_merges=True))
    mut("merges as pairs", lambda j: j["model"].update(merges=[m.split(" ") if isinstance(m, str) else m
                                                               for m in j["model"]["merges"]]))
    mut("merge of unknown token", lambda j: j["model"]["merges"].append(["\u2603", "\u2604"]))
    mut("vocab not an object", lambda j: j["model"].update(vocab=list(j["model"]["vocab"])))
    mut("unknown model type", lambda j: j["model"].update(type="Bogus"))
    mut("unknown normalizer", lambda j: j.update(normalizer={"type": "Bogus"}))
    mut("unknown pre_tokenizer", lambda j: j.update(pre_tokenizer={"type": "Bogus"}))
    mut("unknown decoder", lambda j: j.update(decoder={"type": "Bogus"}))
    mut("bad split regex", lambda j: j.update(pre_tokenizer={"type": "Split", "pattern": {"Regex": "(ab"},
                                                             "behavior": "Isolated", "invert": False}))
    mut("prepend scheme never", lambda j: j.update(pre_tokenizer={"type": "Metaspace", "replacement": "\u2581",
                                                                  "prepend_scheme": "never", "split": True}))
    mut("legacy metaspace add_prefix_space", lambda j: j.update(pre_tokenizer={
        "type": "Metaspace", "replacement": "\u2581", "add_prefix_space": True}))
    mut("bad prepend scheme", lambda j: j.update(pre_tokenizer={"type": "Metaspace", "replacement": "\u2581",
                                                                "prepend_scheme": "sometimes", "split": True}))
    mut("lowercase + strip accents", lambda j: j.update(normalizer={"type": "Sequence", "normalizers": [
        {"type": "NFKD"}, {"type": "StripAccents"}, {"type": "Lowercase"}, {"type": "Prepend", "prepend": "\u2581"},
        {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"}]}))
    mut("regex replace", lambda j: j.update(normalizer={"type": "Sequence", "normalizers": [
        {"type": "Replace", "pattern": {"Regex": r"\s+"}, "content": " "}, {"type": "Strip", "strip_left": True,
                                                                            "strip_right": True}]}))
    mut("decoder strip 2 2", lambda j: j.update(decoder={"type": "Sequence", "decoders": [
        {"type": "Replace", "pattern": {"String": "\u2581"}, "content": " "}, {"type": "ByteFallback"},
        {"type": "Strip", "content": " ", "start": 2, "stop": 2}]}))
    for k in range(4):  # seeded: drop a random merge, or move one
        merges = base["model"]["merges"]
        if not merges:
            break
        i, t = rng.randrange(len(merges)), rng.randrange(len(merges))

        def move(j, i=i, t=t):
            m = j["model"]["merges"].pop(i)
            j["model"]["merges"].insert(t, m)
        mut(f"merge {i} moved to {t}", move)
    return out


def build_tokenizer_corpus(rng):
    entries = []
    extra = [("<s>", True, False, False, False, False), ("</s>", True, False, False, False, False),
             ("<|endoftext|>", True, False, False, False, False), ("<|im_start|>", True, False, False, False, False),
             ("[CLS]", True, False, True, True, False), ("[SEP]", True, False, False, False, False),
             ("world", False, True, False, False, True)]
    for name, j in families().items():
        j = add_tokens(j, extra)
        entries.append({"name": name, "tokenizer": j, **reference_tokenizer(j)})
        if name in ("llama2", "mistral_metaspace_first", "gemma", "llama3_shape", "bert_shape"):
            for mname, mj in tokenizer_mutations(j, rng):
                entries.append({"name": f"{name}: {mname}", "tokenizer": mj, **reference_tokenizer(mj)})
    return entries


# ---------------------------------------------------------------- safetensors

DTYPES = ["BOOL", "U8", "I8", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64", "F8_E4M3",
          "F8_E5M2", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2", "C64"]


def base_safetensors():
    rng = np.random.default_rng(SEED)
    tensors = {
        "embed.weight": rng.standard_normal((4, 3)).astype(np.float32),
        "layer.bias": rng.standard_normal((5,)).astype(np.float16),
        "layer.count": np.array(7, dtype=np.int64),
        "layer.mask": np.array([True, False, True]),
        "layer.idx": np.arange(6, dtype=np.int32).reshape(2, 3),
        "layer.empty": np.zeros((0, 4), dtype=np.float32),
    }
    return st_save(tensors, metadata={"format": "pt", "note": "conformance"})


def split_file(data):
    n = struct.unpack("<Q", data[:8])[0]
    return n, json.loads(data[8:8 + n]), data[8 + n:]


def assemble(header, body, pad_to=8):
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((-len(text)) % pad_to)
    return struct.pack("<Q", len(text)) + text + body


def reference_safetensors(data):
    try:
        tensors = safetensors.deserialize(data)
    except Exception as e:  # noqa: BLE001
        return {"accepts": False, "error": str(e)[:200]}
    out = []
    for name, info in tensors:
        out.append({"name": name, "dtype": info["dtype"].upper() if isinstance(info["dtype"], str) else
                    str(info["dtype"]), "shape": list(info["shape"]),
                    "sha256": hashlib.sha256(bytes(info["data"])).hexdigest()})
    out.sort(key=lambda t: t["name"])
    return {"accepts": True, "tensors": out}


def safetensors_mutations(rng):
    base = base_safetensors()
    n, header, body = split_file(base)
    names = [k for k in header if k != "__metadata__"]
    cases = [("original", base)]

    def hdr(name, fn, raw_body=None):
        h = copy.deepcopy(header)
        fn(h)
        cases.append((name, assemble(h, body if raw_body is None else raw_body)))

    for d in (-8, -1, 1, 8, 10**6):
        cases.append((f"header length {d:+d}", struct.pack("<Q", n + d) + base[8:]))
    cases.append(("header length huge", struct.pack("<Q", 2**63) + base[8:]))
    cases.append(("file shorter than 8 bytes", base[:5]))
    cases.append(("empty file", b""))
    for k in (1, 2, 7, len(body) // 2, len(body)):
        cases.append((f"truncated by {k}", base[:-k]))
    for k in (1, 8, 100):
        cases.append((f"{k} bytes appended", base + b"\0" * k))
    cases.append(("header not JSON", struct.pack("<Q", n) + b"[" + base[9:]))
    cases.append(("header with leading space", assemble(header, body)[:8] + b" " + assemble(header, body)[8:-1]))
    text = json.dumps(header, separators=(",", ":")).encode()
    cases.append(("header padded with spaces", struct.pack("<Q", len(text) + 5) + text + b"     " + body))
    cases.append(("header padded with NULs", struct.pack("<Q", len(text) + 5) + text + b"\0" * 5 + body))
    cases.append(("header padded with newline", struct.pack("<Q", len(text) + 1) + text + b"\n" + body))
    cases.append(("header is a list", assemble([1, 2], body)))
    cases.append(("header empty object, no data", assemble({}, b"")))
    cases.append(("header empty object, data left", assemble({}, body)))
    hdr("metadata number", lambda h: h["__metadata__"].update(format=1))
    hdr("metadata null", lambda h: h.update(__metadata__=None))
    hdr("metadata nested", lambda h: h["__metadata__"].update(format={"a": "b"}))
    hdr("metadata empty", lambda h: h.update(__metadata__={}))
    hdr("metadata removed", lambda h: h.pop("__metadata__"))
    hdr("metadata a list", lambda h: h.update(__metadata__=["a"]))
    for name in names:
        t = header[name]
        for dt in DTYPES + ["F128", "f32", ""]:
            if dt != t["dtype"]:
                hdr(f"{name}: dtype {dt}", lambda h, name=name, dt=dt: h[name].update(dtype=dt))
        hdr(f"{name}: shape dim +1", lambda h, name=name: h[name].update(shape=[d + 1 for d in h[name]["shape"]] or [2]))
        hdr(f"{name}: shape reversed", lambda h, name=name: h[name].update(shape=list(reversed(h[name]["shape"]))))
        hdr(f"{name}: shape extra 1", lambda h, name=name: h[name].update(shape=h[name]["shape"] + [1]))
        hdr(f"{name}: shape negative", lambda h, name=name: h[name].update(shape=[-1] + h[name]["shape"][1:]))
        hdr(f"{name}: shape string", lambda h, name=name: h[name].update(shape=["2"]))
        hdr(f"{name}: end +1", lambda h, name=name: h[name]["data_offsets"].__setitem__(1, h[name]["data_offsets"][1] + 1))
        hdr(f"{name}: begin -1", lambda h, name=name: h[name]["data_offsets"].__setitem__(0, h[name]["data_offsets"][0] - 1))
        hdr(f"{name}: offsets reversed", lambda h, name=name: h[name].update(data_offsets=h[name]["data_offsets"][::-1]))
        hdr(f"{name}: offsets three", lambda h, name=name: h[name].update(data_offsets=h[name]["data_offsets"] + [0]))
        hdr(f"{name}: no dtype", lambda h, name=name: h[name].pop("dtype"))
        hdr(f"{name}: no shape", lambda h, name=name: h[name].pop("shape"))
        hdr(f"{name}: no offsets", lambda h, name=name: h[name].pop("data_offsets"))
        hdr(f"{name}: extra field", lambda h, name=name: h[name].update(extra=1))
        hdr(f"{name}: removed", lambda h, name=name: h.pop(name))
    for _ in range(12):  # swap the offsets of two tensors
        a, b = rng.sample(names, 2)

        def swap(h, a=a, b=b):
            h[a]["data_offsets"], h[b]["data_offsets"] = h[b]["data_offsets"], h[a]["data_offsets"]
        hdr(f"offsets of {a} and {b} swapped", swap)
    for a in names:  # a tensor aliasing another's range
        for b in names:
            if a != b and header[a]["dtype"] == header[b]["dtype"]:
                hdr(f"{a} aliases {b}", lambda h, a=a, b=b: h[a].update(data_offsets=list(h[b]["data_offsets"]),
                                                                        shape=list(h[b]["shape"])))
    hdr("duplicate name (JSON)", lambda h: None)
    raw = assemble(header, body)
    text = raw[8:8 + n].decode()
    dup = text.replace("{", '{"layer.count":' + json.dumps(header["layer.count"]) + ",", 1)
    cases[-1] = ("duplicate name (JSON)", assemble_raw(dup.encode(), body))
    # Seeded damage: random bytes of the header replaced.
    for i in range(40):
        data = bytearray(base)
        for _ in range(rng.randint(1, 3)):
            data[8 + rng.randrange(n)] = rng.randrange(32, 127)
        cases.append((f"random header bytes #{i}", bytes(data)))
    for i in range(10):  # random data bytes changed: accepted, checksums change
        data = bytearray(base)
        data[8 + n + rng.randrange(len(body))] ^= 0xFF
        cases.append((f"random data byte #{i}", bytes(data)))
    return cases


def assemble_raw(text, body):
    text += b" " * ((-len(text)) % 8)
    return struct.pack("<Q", len(text)) + text + body


def build_safetensors_corpus(rng):
    entries = []
    for name, data in safetensors_mutations(rng):
        entries.append({"name": name, "file": data.hex(), **reference_safetensors(data)})
    return entries


def gguf_version(module):
    from importlib.metadata import version
    return version("gguf")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smollm2", help="SmolLM2's tokenizer.json: also record its reference ids")
    parser.add_argument("--smollm2-gguf", help="SmolLM2's .gguf file: record the ids transformers' GGUF tokenizer "
                                                "gives (smollm2_gguf.json.qz)")
    parser.add_argument("--only", default="tokenizers,safetensors,gguf,config,shards,unigram",
                        help="comma-separated corpora to (re)build")
    args = parser.parse_args()
    only = set(args.only.split(","))
    rng = random.Random(SEED)
    versions = {"tokenizers": tokenizers.__version__, "safetensors": safetensors.__version__}
    if "tokenizers" in only or "safetensors" in only:  # one seeded sequence: build both to reproduce either
        tok = build_tokenizer_corpus(rng)
        st = build_safetensors_corpus(rng)
        write_qz("tokenizers.json.qz", {"versions": versions, "strings": STRINGS, "entries": tok})
        write_qz("safetensors.json.qz", {"versions": versions, "entries": st})
        print(f"tokenizers: {len(tok)} tokenizers, {sum(len(e.get('cases', [])) for e in tok)} strings encoded, "
              f"{sum(not e['loads'] for e in tok)} refused")
        print(f"safetensors: {len(st)} files, {sum(not e['accepts'] for e in st)} refused")
    if "unigram" in only:
        from conformance_unigram import build_unigram_corpus
        import sentencepiece
        entries = build_unigram_corpus(TRAIN_TEXT, BYTE_TOKENS, STRINGS, reference_tokenizer)
        write_qz("unigram.json.qz", {"versions": {**versions, "sentencepiece": sentencepiece.__version__},
                                     "strings": STRINGS, "entries": entries})
        print(f"unigram: {len(entries)} tokenizers, {sum(len(e.get('cases', [])) for e in entries)} strings encoded, "
              f"{sum(not e['loads'] for e in entries)} refused")
    if "gguf" in only:
        from conformance_gguf import build_gguf_corpus, gguf
        entries = build_gguf_corpus(random.Random(SEED))
        write_qz("gguf.json.qz", {"versions": {"gguf": gguf_version(gguf)}, "entries": entries})
        both = sum(e["gguf_py"]["accepts"] and e["llama_cpp"]["accepts"] for e in entries)
        print(f"gguf: {len(entries)} files, {both} accepted by both references")
    if "config" in only:
        from conformance_config import build_config_corpus
        entries, version = build_config_corpus()
        write_qz("config.json.qz", {"versions": {"transformers": version}, "entries": entries})
        print(f"config: {len(entries)} config.json variants, {sum(e['accepts'] for e in entries)} accepted, "
              f"{sum('ours_refuses' in e for e in entries)} of those refused by REdit on purpose")
    if "shards" in only:
        import transformers
        from conformance_shards import build_shards_corpus
        entries = build_shards_corpus()
        write_qz("shards.json.qz", {"versions": {"transformers": transformers.__version__,
                                                 "safetensors": safetensors.__version__}, "entries": entries})
        print(f"shards: {len(entries)} folders, {sum(e['accepts'] for e in entries)} accepted")
    if args.smollm2_gguf:
        import transformers
        from conformance_smollm2_gguf import build_smollm2_gguf_corpus
        corpus = build_smollm2_gguf_corpus(args.smollm2_gguf, STRINGS)
        write_qz("smollm2_gguf.json.qz", {"versions": {"transformers": transformers.__version__,
                                                       "tokenizers": tokenizers.__version__}, **corpus})
    if args.smollm2:
        with open(args.smollm2, "rb") as f:
            raw = f.read()
        result = reference_tokenizer(json.loads(raw))
        write_qz("smollm2.json.qz", {"versions": versions, "sha256": hashlib.sha256(raw).hexdigest(), **result})


if __name__ == "__main__":
    main()
