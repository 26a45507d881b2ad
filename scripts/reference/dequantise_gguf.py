#!/usr/bin/env python3
"""Writes a copy of a GGUF file with every tensor dequantised to F32, metadata unchanged (run by hand).

With F32 weights llama.cpp multiplies in fp32 without quantising activations, so its logits and ours on the
F32 copy must agree to float rounding; logits_compare.py on both files separates quantisation noise from
implementation differences (docs/model.md). Needs the `gguf` and `numpy` packages from PyPI:
    /tmp/refvenv/bin/python scripts/reference/dequantise_gguf.py IN.gguf OUT.gguf
"""
import sys

import gguf
import numpy as np


def main(source, target):
    reader = gguf.GGUFReader(source)
    arch = reader.fields["general.architecture"].contents()
    writer = gguf.GGUFWriter(target, arch)
    for key, field in reader.fields.items():
        if key.startswith("GGUF.") or key == "general.architecture":
            continue
        if key == "general.file_type":
            writer.add_file_type(gguf.LlamaFileType.ALL_F32)
            continue
        value_type = field.types[0]
        sub_type = field.types[-1] if value_type == gguf.GGUFValueType.ARRAY else None
        writer.add_key_value(key, field.contents(), value_type, sub_type=sub_type)
    for tensor in reader.tensors:
        values = gguf.quants.dequantize(tensor.data, tensor.tensor_type).astype(np.float32)
        # numpy shape is the GGUF dims reversed, which is what add_tensor expects.
        writer.add_tensor(tensor.name, values.reshape(tuple(int(d) for d in reversed(tensor.shape))))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


if __name__ == "__main__":
    main(*sys.argv[1:3])
