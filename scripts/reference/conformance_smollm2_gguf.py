"""SmolLM2 GGUF part of the conformance corpus (issue #18): the reference ids of the corpus strings for the
tokenizer of a .gguf file, as transformers builds it (transformers.integrations.gguf.gguf_tokenizer_mapping turns
the tokenizer.ggml.* metadata, read here with the `gguf` package because transformers' own reader needs
PyTorch, into a `tokenizers` Tokenizer), for tests/model/test_tokenize_cli.cpp, which runs `redit tokenize` on
the same file. The file itself stays out of the repository; its SHA-256 is recorded.
"""
import hashlib
import importlib

from gguf import GGUFReader


def reference_gguf_tokenizer(path):
    mapping = importlib.import_module("transformers.integrations.gguf.gguf_tokenizer_mapping")
    reader = GGUFReader(path)
    metadata = {k: f.contents() for k, f in reader.fields.items()
                if k.startswith("tokenizer.") or k == "general.architecture"}
    tokenizer_dict = {name: metadata[f"tokenizer.{key}"]
                      for key, name in mapping.GGUF_TOKENIZER_MAPPING["tokenizer"].items()
                      if f"tokenizer.{key}" in metadata}
    tokenizer, _ = mapping.convert_gguf_tokenizer(metadata["general.architecture"], tokenizer_dict)
    return tokenizer


def build_smollm2_gguf_corpus(path, strings):
    with open(path, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    tok = reference_gguf_tokenizer(path)
    cases = [{"text": s, "ids": tok.encode(s, add_special_tokens=False).ids,
              "ids_special": tok.encode(s, add_special_tokens=True).ids} for s in strings]
    return {"sha256": sha, "file": path.rsplit("/", 1)[-1], "cases": cases}
