#!/usr/bin/env bash
# Fetches LibTorch 2.x for a CPU build against it (`make libtorch2`), from the PyPI `torch` wheel, with
# checksums: the wheel's torch/include, torch/share and the CPU libraries, and the two small CUDA runtime
# libraries that the wheel's libtorch_cpu.so is linked to (libcudart, libcupti: loaded, never used without a
# GPU), laid out as in site-packages so that the wheel's own RPATH finds them.
#
#   OUT_DIR/site/torch     REDIT_TORCH_WHEEL for cmake (cmake/ReditTorchWheel.cmake)
#   OUT_DIR/site/nvidia    cuda_runtime/lib, cuda_cupti/lib
#
# Usage: scripts/fetch-libtorch2.sh [OUT_DIR]   (default build-libtorch2/libtorch)
set -euo pipefail
out_dir=${1:-build-libtorch2/libtorch}
version=2.7.1
site="$out_dir/site"
stamp="$site/.fetched-torch-$version"

if [ -f "$stamp" ]; then
  echo "libtorch2: torch $version is present in $site"
  exit 0
fi

"$(dirname "$0")/ensure-pip.sh" libtorch2

# name==version --hash=sha256:... ; pip checks every hash (--require-hashes) before keeping a file.
requirements=$(mktemp)
download_dir=$(mktemp -d)
trap 'rm -rf "$download_dir" "$requirements"' EXIT
cat >"$requirements" <<REQ
torch==$version --hash=sha256:06eea61f859436622e78dd0cdd51dbc8f8c6d76917a9cf0555a333f9eac31ec1
nvidia-cuda-runtime-cu12==12.6.77 --hash=sha256:a84d15d5e1da416dd4774cb42edf5e954a3e60cc945698dc1d5be02321c44dc8
nvidia-cuda-cupti-cu12==12.6.80 --hash=sha256:a3eff6cdfcc6a4c35db968a06fcadb061cbc7d6dde548609a941ff8701b98b73
REQ

echo "libtorch2: downloading torch $version (CPython 3.11, manylinux_2_28: 821 MB) and two CUDA runtime wheels from PyPI"
if ! python3 -m pip download --quiet --no-deps --no-cache-dir --disable-pip-version-check --require-hashes \
      --only-binary=:all: --python-version 3.11 --platform manylinux_2_28_x86_64 --platform manylinux2014_x86_64 \
      --dest "$download_dir" -r "$requirements"; then
  echo "libtorch2: error: could not download torch==$version (or its checksum did not match) from PyPI;" >&2
  echo "libtorch2: nothing was changed." >&2
  exit 1
fi

rm -rf "$site.partial"
mkdir -p "$site.partial"
python3 - "$download_dir" "$site.partial" <<'PY'
import pathlib, shutil, sys, zipfile
downloads, site = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
# What a CPU build needs of the 1.5 GB of libraries: libtorch_cpu, libc10 and the OpenMP runtime they load.
torch_libs = {"libtorch_cpu.so", "libc10.so", "libgomp.so.1"}
def wanted(name):
    parts = name.split("/")
    if parts[0] == "torch":
        return parts[1] in ("include", "share") or (parts[1] == "lib" and parts[-1] in torch_libs)
    return parts[0] == "nvidia" and len(parts) > 2 and parts[2] == "lib"
for wheel in downloads.glob("*.whl"):
    with zipfile.ZipFile(wheel) as archive:
        for info in archive.infolist():
            if info.is_dir() or not wanted(info.filename):
                continue
            target = site / info.filename
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as source, open(target, "wb") as sink:
                shutil.copyfileobj(source, sink, 1 << 20)
PY
touch "$site.partial/.fetched-torch-$version"
rm -rf "$site"
mv "$site.partial" "$site"
echo "libtorch2: torch $version in $site ($(du -sh "$site" | cut -f1))"
