"""Sharded-checkpoint part of the differential conformance corpus (issue #18); imported by conformance_corpus.py.

A folder with model.safetensors.index.json and its shards, as transformers reads it: the index is read by
`transformers.utils.hub.get_checkpoint_shard_files` (it needs `weight_map` and `metadata`, and refuses shard
names leaving the folder), then every shard the index names is opened with `safetensors` and ALL of its tensors
are loaded (transformers does not look up where the index says a tensor is). Recorded per case: the reference's
verdict, the tensors it loads (name, dtype, shape, sha256), the names the index lists that no shard holds
(`missing`: transformers initialises them at random with a warning) and names held by two shards (`duplicates`:
the last shard in sorted order wins). REdit refuses those two deliberately (a weight silently random, or chosen
by file order, is a wrong result); otherwise it must load exactly the reference's tensors.
"""
import copy
import hashlib
import json
import os
import tempfile

import numpy as np
from safetensors import safe_open
from safetensors.numpy import save as st_save
from transformers.utils.hub import get_checkpoint_shard_files


def shard(tensors):
    return st_save(tensors, metadata={"format": "pt"})


def base_folder():
    rng = np.random.default_rng(18)
    a = {"model.embed_tokens.weight": rng.standard_normal((4, 3)).astype(np.float32),
         "model.norm.weight": rng.standard_normal(3).astype(np.float16)}
    b = {"lm_head.weight": rng.standard_normal((4, 3)).astype(np.float32),
         "model.layers.0.mlp.up_proj.weight": rng.standard_normal((2, 3)).astype(np.float32)}
    files = {"model-00001-of-00002.safetensors": shard(a), "model-00002-of-00002.safetensors": shard(b)}
    weight_map = {**{k: "model-00001-of-00002.safetensors" for k in a},
                  **{k: "model-00002-of-00002.safetensors" for k in b}}
    index = {"metadata": {"total_size": sum(v.nbytes for v in {**a, **b}.values())}, "weight_map": weight_map}
    return files, index, (a, b)


def reference_folder(files, index):
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in files.items():
            with open(os.path.join(tmp, name), "wb") as f:
                f.write(data)
        index_path = os.path.join(tmp, "model.safetensors.index.json")
        with open(index_path, "w") as f:
            f.write(index if isinstance(index, str) else json.dumps(index))
        try:
            paths, meta = get_checkpoint_shard_files(tmp, index_path)
            loaded, duplicates = {}, set()
            for path in paths:
                with safe_open(path, framework="numpy") as f:
                    for name in f.keys():
                        t = f.get_tensor(name)
                        if name in loaded:
                            duplicates.add(name)
                        loaded[name] = {"name": name, "dtype": str(t.dtype), "shape": list(t.shape),
                                        "sha256": hashlib.sha256(t.tobytes()).hexdigest()}
        except Exception as e:  # noqa: BLE001 - any refusal
            return {"accepts": False, "error": f"{type(e).__name__}: {e}"[:300]}
    missing = sorted(set(meta["all_checkpoint_keys"]) - set(loaded))
    return {"accepts": True, "tensors": [loaded[k] for k in sorted(loaded)], "missing": missing,
            "duplicates": sorted(duplicates)}


def cases():
    files0, index0, (a, b) = base_folder()
    out = [("original", files0, index0)]
    first, second = "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"

    def case(name, fn):
        files, index = copy.deepcopy(files0), copy.deepcopy(index0)
        result = fn(files, index)
        index = result if isinstance(result, str) else index
        out.append((name, files, index))

    case("second shard missing", lambda f, i: f.pop(second))
    case("unlisted shard missing", lambda f, i: f.update({"extra.safetensors": f[first]}) or None)
    case("tensor listed in the wrong shard", lambda f, i: i["weight_map"].update({"model.norm.weight": second}))
    case("tensor listed that no shard holds", lambda f, i: i["weight_map"].update({"model.ghost.weight": second}))
    case("tensor in both shards", lambda f, i: f.update({second: shard({**b, "model.norm.weight": a["model.norm.weight"]})}))
    case("tensor in both shards, different data", lambda f, i: f.update(
        {second: shard({**b, "model.norm.weight": (a["model.norm.weight"] * 2).astype(np.float16)})}))
    case("shard holds a tensor the index does not list", lambda f, i: i["weight_map"].pop("lm_head.weight") and None)
    case("index lists one shard only", lambda f, i: [i["weight_map"].pop(k) for k in b])
    case("shard name leaves the folder", lambda f, i: i["weight_map"].update({"lm_head.weight": "../x.safetensors"}))
    case("shard name is absolute", lambda f, i: i["weight_map"].update({"lm_head.weight": "/tmp/x.safetensors"}))
    case("shard is a truncated file", lambda f, i: f.update({second: f[second][:-3]}))
    case("shard is not safetensors", lambda f, i: f.update({second: b"not a safetensors file at all"}))
    case("no metadata", lambda f, i: i.pop("metadata"))
    case("metadata null", lambda f, i: i.update(metadata=None))
    case("metadata without total_size", lambda f, i: i.update(metadata={}))
    case("total_size wrong", lambda f, i: i["metadata"].update(total_size=1))
    case("no weight_map", lambda f, i: i.pop("weight_map"))
    case("weight_map empty", lambda f, i: i.update(weight_map={}))
    case("weight_map a list", lambda f, i: i.update(weight_map=[first]))
    case("weight_map value a number", lambda f, i: i["weight_map"].update({"lm_head.weight": 2}))
    case("weight_map value a list", lambda f, i: i["weight_map"].update({"lm_head.weight": [second]}))
    case("index not JSON", lambda f, i: '{"weight_map": ')
    case("index a JSON list", lambda f, i: "[]")
    case("extra index keys", lambda f, i: i.update(format="pt", other={"a": 1}))
    return out


def build_shards_corpus():
    entries = []
    for name, files, index in cases():
        entry = {"name": name, "files": {k: v.hex() for k, v in files.items()},
                 "index": index if isinstance(index, str) else json.dumps(index), **reference_folder(files, index)}
        entries.append(entry)
    return entries
