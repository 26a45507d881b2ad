"""GGUF part of the differential conformance corpus (issue #18); imported by conformance_corpus.py.

Two references judge each file: the `gguf` package's GGUFReader (llama.cpp's Python reader) and the checks of
llama.cpp's C loader (ggml/src/gguf.cpp `gguf_init_from_file_impl` with no_alloc, then llama-model-loader's
"tensor data is not within the file bounds"), transcribed in `llama_cpp_verdict` below because the C library is
not on PyPI. REdit must accept a file exactly when both accept it, and then read the same metadata (type and
raw bytes of every value) and tensors (type, dims, offset, sha256 of the bytes) as GGUFReader.
"""
import copy
import hashlib
import os
import signal
import struct
import tempfile

import numpy as np
import gguf
from gguf import GGUFReader, GGUFWriter, GGMLQuantizationType as T, GGUFValueType as V

TYPE_NAMES = {0: "u8", 1: "i8", 2: "u16", 3: "i16", 4: "u32", 5: "i32", 6: "f32", 7: "bool", 8: "string",
              9: "array", 10: "u64", 11: "i64", 12: "f64"}
SCALAR_SIZES = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}
GGML_TYPE_COUNT = max(t.value for t in T) + 1
GGML_MAX_DIMS = 4
GGML_MAX_NAME = 64


# ---------------------------------------------------------------- a structured GGUF file

def s(b):
    return struct.pack("<Q", len(b)) + b


def encode_value(vtype, value):
    """Payload of one value (without its type), from (type, python value); arrays are (elem_type, [values])."""
    if vtype == 8:
        return s(value)
    if vtype == 9:
        etype, items = value
        return struct.pack("<IQ", etype, len(items)) + b"".join(encode_value(etype, v) for v in items)
    fmt = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<B", 10: "<Q", 11: "<q", 12: "<d"}
    return struct.pack(fmt[vtype], value)


def layout(model):
    """File bytes of a model: {version, kvs: [(key, type, payload)], tensors: [(name, dims, type, offset)],
    alignment, data}, each tensor info written as given."""
    out = b"GGUF" + struct.pack("<IQQ", model["version"], len(model["tensors"]), len(model["kvs"]))
    for key, vtype, payload in model["kvs"]:
        out += s(key) + struct.pack("<I", vtype) + payload
    for name, dims, ttype, offset in model["tensors"]:
        out += s(name) + struct.pack("<I", len(dims)) + b"".join(struct.pack("<Q", d) for d in dims)
        out += struct.pack("<IQ", ttype, offset)
    out += b"\0" * ((-len(out)) % model["alignment"])
    return out + model["data"]


def nbytes(dims, ttype):
    block, size = gguf.GGML_QUANT_SIZES[T(ttype)]
    n = 1
    for d in dims:
        n *= d
    return n // block * size


def relayout(model):
    """Tensor data re-tiled in info order at the model's alignment (each tensor keeps its bytes)."""
    chunks, data = [], b""
    old = model["tensors"]
    for name, dims, ttype, offset in old:
        chunks.append(model["data"][offset:offset + nbytes(dims, ttype)])
    tensors = []
    for (name, dims, ttype, _), chunk in zip(old, chunks):
        tensors.append((name, dims, ttype, len(data)))
        data += chunk + b"\0" * ((-len(chunk)) % model["alignment"])
    return dict(model, tensors=tensors, data=data)


def base_model():
    """A small GGUF written by gguf.GGUFWriter (metadata of every value type; F32, F16, Q8_0, Q4_0, I32 and
    BF16 tensors), read back into the structured form; layout() must give the writer's bytes again."""
    rng = np.random.default_rng(18)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "base.gguf")
        w = GGUFWriter(path, arch="llama")
        w.add_string("general.name", "conformance")
        for key, adder, value in [("test.u8", w.add_uint8, 200), ("test.i8", w.add_int8, -5),
                                  ("test.u16", w.add_uint16, 60000), ("test.i16", w.add_int16, -300),
                                  ("test.u32", w.add_uint32, 4000000000), ("test.i32", w.add_int32, -7),
                                  ("test.f32", w.add_float32, 1.5), ("test.bool", w.add_bool, True),
                                  ("test.u64", w.add_uint64, 2**40 + 3), ("test.i64", w.add_int64, -(2**40)),
                                  ("test.f64", w.add_float64, 3.141592653589793),
                                  ("test.string", w.add_string, "h\u00e9llo \u2581 world")]:
            adder(key, value)
        w.add_array("test.strings", ["a", "\u2581b", ""])
        w.add_key_value("test.i32s", [1, -2, 3], V.ARRAY, sub_type=V.INT32)
        w.add_key_value("test.f32s", [0.5, -1.0], V.ARRAY, sub_type=V.FLOAT32)
        w.add_tensor("token_embd.weight", rng.standard_normal((3, 4)).astype(np.float32))
        w.add_tensor("blk.0.attn_norm.weight", rng.standard_normal(8).astype(np.float16))
        w.add_tensor("blk.0.ffn_up.weight", rng.integers(0, 256, (2, 34), dtype=np.uint8), raw_dtype=T.Q8_0)
        w.add_tensor("blk.0.ffn_down.weight", rng.integers(0, 256, (1, 18), dtype=np.uint8), raw_dtype=T.Q4_0)
        w.add_tensor("output.idx", np.arange(3, dtype=np.int32))
        w.add_tensor("output.bf16", rng.integers(0, 256, (2, 4), dtype=np.uint8), raw_dtype=T.BF16)
        w.write_header_to_file()
        w.write_kv_data_to_file()
        w.write_tensors_to_file()
        w.close()
        with open(path, "rb") as f:
            written = f.read()
    r = GGUFReader(path_or_bytes(written))
    kvs = []
    for name, field in r.fields.items():
        if name.startswith("GGUF."):
            continue
        start = field.offset + 8 + len(name.encode()) + 4
        end = start + sum(int(p.nbytes) for p in field.parts[3:])
        kvs.append((name.encode(), int(field.types[0]), written[start:end]))
    tensors = [(t.name.encode(), [int(d) for d in t.shape], int(t.tensor_type), int(t.data_offset - r.data_offset))
               for t in r.tensors]
    model = {"version": 3, "kvs": kvs, "tensors": tensors, "alignment": 32, "data": written[r.data_offset:]}
    assert layout(model) == written, "the structured form must give back the writer's bytes"
    return model


_tmp = tempfile.mkdtemp(prefix="conformance-gguf-")


def path_or_bytes(data):
    path = os.path.join(_tmp, "case.gguf")
    with open(path, "wb") as f:
        f.write(data)
    return path


# ---------------------------------------------------------------- the references

class Hangs(Exception):
    pass


def alarm(signum, frame):
    raise Hangs("GGUFReader does not finish in 10 s (it loops over an array length past the end of the file)")


def gguf_py_verdict(data):
    """GGUFReader's verdict and what it reads: metadata (type, raw little-endian bytes) and tensors."""
    signal.signal(signal.SIGALRM, alarm)
    signal.alarm(10)
    try:
        r = GGUFReader(path_or_bytes(data))
        signal.alarm(0)
        if r.byte_order != "I":
            return {"accepts": True, "big_endian": True}
        metadata = []
        for name, field in r.fields.items():
            if name.startswith("GGUF."):
                continue
            metadata.append({"key": name, **field_value(field)})
        tensors = [{"name": t.name, "type": int(t.tensor_type), "dims": [int(d) for d in t.shape],
                    "offset": int(t.data_offset - r.data_offset),
                    "sha256": hashlib.sha256(t.data.tobytes()).hexdigest()} for t in r.tensors]
        return {"accepts": True, "metadata": metadata, "tensors": tensors}
    except Exception as e:  # noqa: BLE001 - any refusal
        signal.alarm(0)
        return {"accepts": False, "error": f"{type(e).__name__}: {e}"[:200]}


def raw_part(part, vtype):
    if vtype == 7:
        return bool(part[0])
    return part.tobytes().hex()


def field_value(field):
    vtype = int(field.types[0])
    if vtype == 9:
        etype = int(field.types[1]) if len(field.types) > 1 else int(field.parts[3][0])
        items = [field.parts[i] for i in field.data]
        if etype == 9:  # nested arrays: GGUFReader flattens them; compare only the outer type
            return {"type": "array", "element": "array"}
        return {"type": "array", "element": TYPE_NAMES[etype], "items": [raw_part(p, etype) for p in items]}
    return {"type": TYPE_NAMES[vtype], "value": raw_part(field.parts[-1], vtype)}


class Refused(Exception):
    pass


def llama_cpp_verdict(data):
    """gguf_init_from_file_impl (no_alloc) and the model loader's bounds check, rule by rule."""
    pos = 0

    def read(fmt):
        nonlocal pos
        n = struct.calcsize(fmt)
        if pos + n > len(data):
            raise Refused("failed to read")
        v = struct.unpack_from(fmt, data, pos)
        pos += n
        return v[0] if len(v) == 1 else v

    def read_str():
        nonlocal pos
        n = read("<Q")
        if pos + n > len(data):
            raise Refused("failed to read string")
        b = data[pos:pos + n]
        pos += n
        return b

    try:
        if data[:4] != b"GGUF":
            raise Refused("invalid magic characters")
        pos = 4
        version = read("<I")
        if version == 0 or version & 0xFFFF == 0 or version == 1 or version > 3:
            raise Refused(f"bad GGUF version {version}")
        n_tensors, n_kv = read("<q"), read("<q")
        if n_tensors < 0 or n_kv < 0:
            raise Refused("negative count")
        keys, values = [], {}
        for _ in range(n_kv):
            key = read_str()
            if key in keys:
                raise Refused(f"duplicate key {key!r}")
            vtype = read("<I")
            n, is_array = 1, False
            if vtype == 9:
                is_array = True
                vtype, n = read("<I"), read("<Q")
            if vtype not in SCALAR_SIZES and vtype != 8:
                raise Refused(f"key {key!r} has invalid GGUF type {vtype}")
            first = None
            for i in range(n):
                if vtype == 8:
                    read_str()
                else:
                    v = read({0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<B", 10: "<Q",
                              11: "<q", 12: "<d"}[vtype])
                    first = v if i == 0 else first
            keys.append(key)
            values[key] = (vtype, is_array, first)
        alignment = 32
        if b"general.alignment" in values:
            vtype, is_array, v = values[b"general.alignment"]
            if vtype != 4 or is_array:
                raise Refused("general.alignment is not a u32 (GGML_ASSERT aborts)")
            alignment = v
        if alignment == 0 or alignment & (alignment - 1):
            raise Refused(f"alignment {alignment} is not a power of 2")
        infos = []
        for i in range(n_tensors):
            name = read_str()
            if len(name) >= GGML_MAX_NAME:
                raise Refused(f"tensor name {i} is too long")
            if name in [t[0] for t in infos]:
                raise Refused(f"duplicate tensor name {name!r}")
            n_dims = read("<I")
            if n_dims > GGML_MAX_DIMS:
                raise Refused("invalid number of dimensions")
            ne = [1] * GGML_MAX_DIMS
            for j in range(n_dims):
                ne[j] = read("<q")
                if ne[j] < 0:
                    raise Refused("dimension < 0")
            if 0 in ne[1:]:
                raise Refused("a zero dimension after the first divides by zero in the element-count check")
            imax = 2**63 - 1
            if imax // ne[1] <= ne[0] or imax // ne[2] <= ne[0] * ne[1] or imax // ne[3] <= ne[0] * ne[1] * ne[2]:
                raise Refused("total number of elements is too large")
            ttype = read("<i")
            if ttype < 0 or ttype >= GGML_TYPE_COUNT:
                raise Refused(f"invalid ggml type {ttype}")
            try:
                block, size = gguf.GGML_QUANT_SIZES[T(ttype)]
            except ValueError:
                raise Refused(f"ggml type {ttype} was removed (block size 0)") from None
            if ne[0] % block:
                raise Refused("row size not a multiple of the block size")
            offset = read("<Q")
            infos.append((name, ne[0] * ne[1] * ne[2] * ne[3] // block * size, offset))
        data_start = pos + (-pos) % alignment
        size = 0
        for name, nb, offset in infos:
            if offset != size:
                raise Refused(f"tensor {name!r} has offset {offset}, expected {size}")
            size += nb + (-nb) % alignment
        if infos and data_start > len(data):
            raise Refused("failed to seek to the data section")
        for name, nb, offset in infos:
            if data_start + offset + nb > len(data):
                raise Refused(f"tensor {name!r} data is not within the file bounds")
        return {"accepts": True}
    except Refused as e:
        return {"accepts": False, "error": str(e)[:200]}


# ---------------------------------------------------------------- mutations

def mutations(rng):
    base = base_model()
    data0 = layout(base)
    cases = [("original", data0)]

    def mut(name, fn, retile=False):
        m = copy.deepcopy(base)
        fn(m)
        cases.append((name, layout(relayout(m) if retile else m)))

    def kv(m, key):
        return [i for i, (k, _, _) in enumerate(m["kvs"]) if k == key][0]

    def set_kv(m, key, vtype, value):
        m["kvs"][kv(m, key)] = (key, vtype, encode_value(vtype, value))

    # Header fields.
    for magic in (b"GGUG", b"ggml", b"FUGG"):
        cases.append((f"magic {magic.decode()}", magic + data0[4:]))
    for v in (0, 1, 2, 4, 0x03000000, 0xFFFF0003):
        mut(f"version {v:#x}", lambda m, v=v: m.update(version=v))
    for field, at in (("tensor count", 8), ("metadata count", 16)):
        n = struct.unpack_from("<Q", data0, at)[0]
        for new in (n - 1, n + 1, 2**62, 2**64 - 1):
            cases.append((f"{field} {new}", data0[:at] + struct.pack("<Q", new) + data0[at + 8:]))
    header_end = len(layout(dict(base, data=b"", alignment=1)))
    for k in sorted({0, 3, 4, 8, 12, 20, 24, 30, 41, header_end // 3, header_end // 2, header_end - 9,
                     header_end - 1, header_end, len(data0) - 40, len(data0) - 1}):
        cases.append((f"cut to {k} bytes", data0[:k]))
    for k in (1, 32, 100):
        cases.append((f"{k} bytes appended", data0 + b"\x01" * k))

    # Metadata.
    mut("duplicate key", lambda m: m["kvs"].append(m["kvs"][1]))
    mut("empty key", lambda m: m["kvs"].append((b"", 4, encode_value(4, 1))))
    mut("key not UTF-8", lambda m: m["kvs"].append((b"bad.\xff\xfe", 4, encode_value(4, 1))))
    mut("string value not UTF-8", lambda m: m["kvs"].append((b"bad.value", 8, s(b"\xc3\x28"))))
    for t in (13, 255, 2**31):
        mut(f"value type {t}", lambda m, t=t: m["kvs"].append((b"bad.type", t, b"\0" * 8)))
        mut(f"array element type {t}", lambda m, t=t: m["kvs"].append(
            (b"bad.array", 9, struct.pack("<IQ", t, 1) + b"\0" * 8)))
    mut("array of arrays", lambda m: m["kvs"].append((b"test.nested", 9, encode_value(9, (9, [(5, [1, 2]), (5, [3])])))))
    mut("empty array", lambda m: m["kvs"].append((b"test.empty", 9, encode_value(9, (0, [])))))
    mut("array of bools", lambda m: m["kvs"].append((b"test.bools", 9, encode_value(9, (7, [1, 0, 1])))))
    for b in (2, 255):
        mut(f"bool value {b}", lambda m, b=b: set_kv(m, b"test.bool", 7, b))
    mut("string length past the end", lambda m: m["kvs"].append((b"bad.len", 8, struct.pack("<Q", 10**9) + b"x")))
    mut("array length past the end", lambda m: m["kvs"].append(
        (b"bad.len", 9, struct.pack("<IQ", 4, 2**40) + b"\0" * 8)))
    mut("f32 NaN and infinity", lambda m: m["kvs"].extend([(b"nan", 6, struct.pack("<I", 0x7FC00001)),
                                                          (b"inf", 12, struct.pack("<d", float("-inf")))]))

    # Alignment.
    for vtype, value in ((4, 32), (4, 64), (4, 16), (4, 1), (4, 0), (4, 3), (4, 48), (10, 32), (5, 32), (8, b"32")):
        def align(m, vtype=vtype, value=value):
            m["kvs"].append((b"general.alignment", vtype, encode_value(vtype, value)))
        mut(f"general.alignment {TYPE_NAMES[vtype]} {value!r}", align)
        if vtype == 4 and value and value & (value - 1) == 0:
            def realign(m, value=value):
                align(m)
                m["alignment"] = value
            mut(f"general.alignment {value}, data re-laid", realign, retile=True)
    mut("header padded with 64 bytes", lambda m: m.update(alignment=64))

    # Tensor infos.
    names = [t[0] for t in base["tensors"]]

    def tensor(m, name):
        return [i for i, t in enumerate(m["tensors"]) if t[0] == name][0]

    def edit(m, which, **kw):
        i = tensor(m, which)
        n, dims, ttype, offset = m["tensors"][i]
        m["tensors"][i] = (kw.get("name", n), kw.get("dims", dims), kw.get("type", ttype), kw.get("offset", offset))

    for name in names:
        n = name.decode()
        i = names.index(name)
        _, dims, ttype, offset = base["tensors"][i]
        for new_type in sorted({0, 1, 2, 8, 24, 26, 30, 4, 5, 31, 36, 39, 40, 41, GGML_TYPE_COUNT, 99} - {ttype}):
            mut(f"{n}: type {new_type}", lambda m, name=name, t=new_type: edit(m, name, type=t))
        mut(f"{n}: dims reversed", lambda m, name=name, d=dims: edit(m, name, dims=d[::-1]))
        mut(f"{n}: dims + [1]", lambda m, name=name, d=dims: edit(m, name, dims=d + [1]))
        mut(f"{n}: dims + [1, 1, 1, 1]", lambda m, name=name, d=dims: edit(m, name, dims=(d + [1] * 4)[:5]))
        mut(f"{n}: first dim doubled", lambda m, name=name, d=dims: edit(m, name, dims=[d[0] * 2] + d[1:]))
        mut(f"{n}: first dim doubled, re-laid", lambda m, name=name, d=dims: edit(m, name, dims=[d[0] * 2] + d[1:]),
            retile=True)
        mut(f"{n}: first dim 0", lambda m, name=name, d=dims: edit(m, name, dims=[0] + d[1:]))
        mut(f"{n}: no dims", lambda m, name=name: edit(m, name, dims=[]))
        mut(f"{n}: dim 2^63", lambda m, name=name, d=dims: edit(m, name, dims=d[:-1] + [2**63]))
        for delta in (1, -1, 31, 32, -32, 4096):
            if offset + delta >= 0:
                mut(f"{n}: offset {delta:+d}", lambda m, name=name, o=offset + delta: edit(m, name, offset=o))
        mut(f"{n}: offset 0", lambda m, name=name: edit(m, name, offset=0))
        mut(f"{n}: renamed to 63 bytes", lambda m, name=name: edit(m, name, name=b"x" * 63))
        mut(f"{n}: renamed to 64 bytes", lambda m, name=name: edit(m, name, name=b"x" * 64))
        mut(f"{n}: renamed to ''", lambda m, name=name: edit(m, name, name=b""))
        mut(f"{n}: name not UTF-8", lambda m, name=name: edit(m, name, name=b"\xff" + name))
        mut(f"{n}: duplicated name", lambda m, name=name, other=names[(i + 1) % len(names)]: edit(m, other, name=name))
    for _ in range(8):  # two tensors swap places in the info list, data left, then data re-laid
        a, b = rng.sample(range(len(names)), 2)

        def swap(m, a=a, b=b):
            m["tensors"][a], m["tensors"][b] = m["tensors"][b], m["tensors"][a]
        mut(f"infos {a} and {b} swapped", swap)
        mut(f"infos {a} and {b} swapped, data re-laid", swap, retile=True)
    mut("no tensors, data left", lambda m: m.update(tensors=[]))
    mut("no tensors, no data", lambda m: m.update(tensors=[], data=b""))
    mut("last tensor dropped", lambda m: m["tensors"].pop())
    mut("data section cut to the last tensor's end", lambda m: m.update(
        data=m["data"][:m["tensors"][-1][3] + nbytes(m["tensors"][-1][1], m["tensors"][-1][2])]))

    # Seeded damage: random printable bytes in the header, random data bytes.
    for k in range(40):
        d = bytearray(data0)
        for _ in range(rng.randint(1, 3)):
            d[24 + rng.randrange(header_end - 24)] = rng.randrange(32, 127)
        cases.append((f"random header bytes #{k}", bytes(d)))
    for k in range(6):
        d = bytearray(data0)
        d[header_end + rng.randrange(len(data0) - header_end)] ^= 0xFF
        cases.append((f"random data byte #{k}", bytes(d)))
    return cases


def build_gguf_corpus(rng):
    entries = []
    for name, data in mutations(rng):
        entries.append({"name": name, "file": data.hex(), "gguf_py": gguf_py_verdict(data),
                        "llama_cpp": llama_cpp_verdict(data)})
    return entries
