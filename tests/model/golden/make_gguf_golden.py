#!/usr/bin/env python3
# Writes the GGUF golden files for tests/model/test_gguf.cpp with the `gguf` Python package (llama.cpp's own
# reader/writer, an implementation independent of ours):
#   golden.gguf             one small tensor of each type we dequantise (F32, F16, BF16, Q8_0, Q4_0, Q4_1,
#                           Q4_K, Q6_K) plus metadata of every value type
#   golden_expected.safetensors  the fp32 values gguf.quants.dequantize gives for each tensor (same names,
#                           PyTorch shape)
# Run by hand from the repository root after changing it, then commit both outputs (a few KB):
#   /tmp/refvenv/bin/python tests/model/golden/make_gguf_golden.py
# (any Python with `pip install gguf numpy safetensors` works). The output is deterministic (fixed seed).
import os

import numpy as np
from gguf import GGUFWriter, GGMLQuantizationType as T, GGUFValueType as V
from gguf.quants import quantize, dequantize
from safetensors.numpy import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240601)


def random_blocks(qtype, n_blocks, block_bytes, scale_fields):
    """Random block bytes whose f16 scale fields (byte offsets) hold finite, moderate values."""
    raw = rng.integers(0, 256, size=(n_blocks, block_bytes), dtype=np.uint8)
    for offset in scale_fields:
        scales = rng.uniform(-0.05, 0.05, size=n_blocks).astype(np.float16)
        raw[:, offset:offset + 2] = scales.view(np.uint8).reshape(n_blocks, 2)
    return raw


def main():
    writer = GGUFWriter(os.path.join(HERE, "golden.gguf"), arch="llama")  # writes general.architecture
    # Metadata of every value type (keys read back by the test).
    writer.add_uint8("test.u8", 200)
    writer.add_int8("test.i8", -100)
    writer.add_uint16("test.u16", 60000)
    writer.add_int16("test.i16", -30000)
    writer.add_uint32("test.u32", 4000000000)
    writer.add_int32("test.i32", -2000000000)
    writer.add_float32("test.f32", 0.125)
    writer.add_uint64("test.u64", 2**63 + 5)
    writer.add_int64("test.i64", -(2**62))
    writer.add_float64("test.f64", -2.5e-300)
    writer.add_bool("test.bool", True)
    writer.add_string("test.string", "Grüße, GGUF")
    writer.add_array("test.strings", ["a", "", "ünï"])
    writer.add_key_value("test.i32s", [1, -2, 3], V.ARRAY, sub_type=V.INT32)
    writer.add_key_value("test.f32s", [0.5, -1.0], V.ARRAY, sub_type=V.FLOAT32)

    expected = {}

    def add(name, raw, qtype, shape):
        writer.add_tensor(name, raw, raw_dtype=qtype)
        values = dequantize(raw, qtype).astype(np.float32).reshape(shape)
        expected[name] = np.ascontiguousarray(values)

    values = rng.normal(0, 1, size=(2, 64)).astype(np.float32)
    add("f32", quantize(values, T.F32), T.F32, (2, 64))
    add("f16", quantize(values, T.F16), T.F16, (2, 64))
    add("bf16", quantize(values, T.BF16), T.BF16, (2, 64))
    for name, qtype in (("q8_0", T.Q8_0), ("q4_0", T.Q4_0), ("q4_1", T.Q4_1)):
        add(name, quantize(values, qtype), qtype, (2, 64))
    # gguf.quants cannot quantise k-quants: random super-blocks (2 rows of 256) with finite scales.
    add("q4_k", random_blocks(T.Q4_K, 2, 144, [0, 2]), T.Q4_K, (2, 256))
    add("q6_k", random_blocks(T.Q6_K, 2, 210, [208]), T.Q6_K, (2, 256))

    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    save_file(expected, os.path.join(HERE, "golden_expected.safetensors"))


if __name__ == "__main__":
    main()
