"""config.json part of the differential conformance corpus (issue #18); imported by conformance_corpus.py.

The reference is transformers' config loading (`AutoConfig.from_pretrained` on a folder holding the file; no
PyTorch needed). For each variant of a small Llama and Qwen2 config it records whether transformers accepts it
and, when it does, the architecture values a model is built from (sizes, heads, head_dim, defaults filled in,
rope parameters, tied embeddings).

Where transformers accepts a config REdit deliberately refuses, the variant says so in `ours_refuses` with the
field REdit's error must name and why: an architecture REdit does not implement (model_type, hidden_act, rope
types other than default/linear/llama3), a size transformers would fill with its 7B defaults that cannot match
the checkpoint, or a value no model can be built from. The replay test requires a refusal naming that field.
"""
import copy
import json
import os
import tempfile

import transformers
from transformers import AutoConfig

BASES = {
    "llama": {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": 300, "hidden_size": 64,
              "intermediate_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4,
              "num_key_value_heads": 2, "max_position_embeddings": 256, "rms_norm_eps": 1e-5,
              "rope_theta": 10000.0, "hidden_act": "silu", "tie_word_embeddings": True, "torch_dtype": "float32",
              "bos_token_id": 1, "eos_token_id": 2},
    "qwen2": {"architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2", "vocab_size": 300, "hidden_size": 64,
              "intermediate_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4,
              "num_key_value_heads": 2, "max_position_embeddings": 512, "rms_norm_eps": 1e-6,
              "rope_theta": 1000000.0, "hidden_act": "silu", "tie_word_embeddings": False,
              "torch_dtype": "bfloat16", "bos_token_id": 0, "eos_token_id": 0},
}


def reference_config(cfg):
    """transformers' verdict on a config.json, and the values a model would be built from."""
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "config.json"), "w") as f:
            f.write(cfg if isinstance(cfg, str) else json.dumps(cfg))
        try:
            c = AutoConfig.from_pretrained(tmp, local_files_only=True)
        except Exception as e:  # noqa: BLE001 - any refusal
            return {"accepts": False, "error": f"{type(e).__name__}: {e}"[:300]}
    rope = dict(getattr(c, "rope_parameters", None) or {})
    values = {k: getattr(c, k) for k in ("model_type", "vocab_size", "hidden_size", "intermediate_size",
                                         "num_hidden_layers", "num_attention_heads", "num_key_value_heads",
                                         "max_position_embeddings", "rms_norm_eps", "tie_word_embeddings")}
    # Both model classes use config.head_dim when set, else hidden_size // num_attention_heads.
    values["head_dim"] = getattr(c, "head_dim", None) or c.hidden_size // c.num_attention_heads
    values["rope_theta"] = rope.get("rope_theta")
    values["rope_type"] = rope.get("rope_type", "default")
    if values["rope_type"] != "default":
        values["rope_factor"] = rope.get("factor")
    return {"accepts": True, "values": values}


def variants():
    out = []

    def var(base, name, fn, ours_refuses=None):
        """ours_refuses: (field, why), or {base: (field, why)} where it depends on the model type."""
        cfg = copy.deepcopy(BASES[base])
        fn(cfg)
        if isinstance(ours_refuses, dict):
            ours_refuses = ours_refuses.get(base)
        out.append((f"{base}: {name}", cfg, ours_refuses))

    kv_divides = ("num_key_value_heads", "must divide num_attention_heads (grouped-query attention)")

    for base in BASES:
        var(base, "original", lambda c: None)
        # Defaults transformers fills in.
        for key in ("num_key_value_heads", "max_position_embeddings", "rms_norm_eps", "rope_theta", "hidden_act",
                    "tie_word_embeddings", "torch_dtype", "bos_token_id", "eos_token_id", "architectures"):
            var(base, f"{key} missing", lambda c, key=key: c.pop(key),
                ours_refuses={"qwen2": ("num_key_value_heads", "Qwen2Config's default of 32 does not divide the "
                                                               "4 heads")} if key == "num_key_value_heads" else None)
            var(base, f"{key} null", lambda c, key=key: c.update({key: None}),
                ours_refuses=("rope_theta", "transformers keeps None, no model can be built from it")
                if key == "rope_theta" else None)
        for key in ("vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads"):
            var(base, f"{key} missing", lambda c, key=key: c.pop(key),
                ours_refuses=(key, "transformers fills in its 7B default, which cannot match the checkpoint"))
        var(base, "model_type missing", lambda c: c.pop("model_type"))
        var(base, "model_type mistral", lambda c: c.update(model_type="mistral"),
            ours_refuses=("model_type", "not implemented"))
        var(base, "model_type unknown", lambda c: c.update(model_type="no-such-model"))
        # Wrong types (transformers' strict dataclass validation).
        for key, value in (("hidden_size", "64"), ("hidden_size", 64.0), ("hidden_size", True),
                           ("num_attention_heads", 4.5), ("num_key_value_heads", "2"), ("rms_norm_eps", "1e-5"),
                           ("rms_norm_eps", 1), ("rope_theta", 10000),
                           ("tie_word_embeddings", "true"), ("tie_word_embeddings", 1),
                           ("max_position_embeddings", 256.0), ("vocab_size", [300]), ("hidden_act", 1)):
            var(base, f"{key} = {json.dumps(value)}", lambda c, key=key, value=value: c.update({key: value}))
        var(base, 'rope_theta = "10000"', lambda c: c.update(rope_theta="10000"),
            ours_refuses=("rope_theta", "transformers keeps the string, no model can be built from it"))
        # Heads and head_dim.
        # Qwen2Config does not check that the heads divide hidden_size: head_dim is then hidden_size // heads.
        var(base, "num_attention_heads 5 (does not divide hidden_size)",
            lambda c: c.update(num_attention_heads=5, num_key_value_heads=5))
        var(base, "num_attention_heads 5, head_dim 16", lambda c: c.update(num_attention_heads=5, head_dim=16),
            ours_refuses=kv_divides)
        var(base, "num_attention_heads 8, head_dim 8", lambda c: c.update(num_attention_heads=8, head_dim=8))
        var(base, "num_key_value_heads 3", lambda c: c.update(num_key_value_heads=3), ours_refuses=kv_divides)
        var(base, "num_key_value_heads 4", lambda c: c.update(num_key_value_heads=4))
        var(base, "num_key_value_heads 8 (more than the heads)", lambda c: c.update(num_key_value_heads=8),
            ours_refuses=kv_divides)
        var(base, "head_dim 32", lambda c: c.update(head_dim=32))
        var(base, "head_dim null", lambda c: c.update(head_dim=None))
        var(base, "head_dim 15 (odd)", lambda c: c.update(head_dim=15),
            ours_refuses=("head_dim", "rotary embeddings rotate pairs of dimensions"))
        var(base, "head_dim 0", lambda c: c.update(head_dim=0),
            ours_refuses=("head_dim", "no model can be built from it"))
        # Sizes no model can be built from.
        for key, value in (("vocab_size", 0), ("vocab_size", -1), ("hidden_size", 0), ("num_hidden_layers", 0),
                           ("intermediate_size", -4)):
            var(base, f"{key} {value}", lambda c, key=key, value=value: c.update({key: value}),
                ours_refuses=(key, "no model can be built from it"))
        var(base, "rms_norm_eps 0", lambda c: c.update(rms_norm_eps=0.0),
            ours_refuses=("rms_norm_eps", "no model can be built from it"))
        var(base, "hidden_act gelu", lambda c: c.update(hidden_act="gelu"),
            ours_refuses=("hidden_act", "not implemented"))
        # rope_scaling, old and new spellings.
        for name, rs, ours in (
                ("null", None, None),
                ("default", {"rope_type": "default"}, None),
                ("linear (type)", {"type": "linear", "factor": 2.0}, None),
                ("linear (rope_type)", {"rope_type": "linear", "factor": 4.0}, None),
                ("linear without factor", {"rope_type": "linear"}, None),
                ("linear factor as string", {"rope_type": "linear", "factor": "2"},
                 ("factor", "transformers keeps the string, no model can be built from it")),
                ("llama3", {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                            "original_max_position_embeddings": 128}, None),
                ("llama3 without low_freq_factor", {"rope_type": "llama3", "factor": 8.0, "high_freq_factor": 4.0,
                                                    "original_max_position_embeddings": 128}, None),
                ("dynamic", {"rope_type": "dynamic", "factor": 2.0}, ("rope_type", "not implemented")),
                ("yarn", {"rope_type": "yarn", "factor": 2.0}, ("rope_type", "not implemented")),
                ("unknown type", {"rope_type": "sideways", "factor": 2.0}, ("rope_type", "not implemented")),
                ("a list", [1, 2], None)):
            var(base, f"rope_scaling {name}", lambda c, rs=rs: c.update(rope_scaling=rs), ours_refuses=ours)
        var(base, "extra keys", lambda c: c.update(use_cache=True, some_new_field={"a": 1}, _name_or_path="x"))
    out.append(("not JSON", '{"model_type": "llama", ', None))
    out.append(("a JSON list", "[1, 2]", None))
    out.append(("empty object", "{}", None))
    return out


def build_config_corpus():
    entries = []
    for name, cfg, ours_refuses in variants():
        entry = {"name": name, "config": cfg if isinstance(cfg, str) else json.dumps(cfg), **reference_config(cfg)}
        if ours_refuses and entry["accepts"]:
            entry["ours_refuses"] = {"field": ours_refuses[0], "why": ours_refuses[1]}
        entries.append(entry)
    return entries, transformers.__version__
