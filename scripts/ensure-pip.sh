#!/usr/bin/env bash
# Installs python3-pip from Debian when `python3 -m pip` is missing: the fetch scripts download from PyPI.
# Usage: scripts/ensure-pip.sh NAME   (NAME prefixes the message, e.g. "models")
set -euo pipefail
if ! python3 -m pip --version >/dev/null 2>&1; then
  echo "${1:-pip}: installing python3-pip (needed to download from PyPI)"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-pip
fi
