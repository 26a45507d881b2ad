#!/usr/bin/env bash
# Installs the Debian packages listed in debian-packages.txt that are missing.
# Uses sudo when not root. Does nothing (and needs no network) when all are present.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
list="$here/debian-packages.txt"
[ "${REDIT_NO_GUI:-0}" = 1 ] && list_filter='^(qt6|libqt6|libgl-dev|xvfb|xauth)' || list_filter='^$'

missing=()
while read -r pkg; do
  case "$pkg" in ''|'#'*) continue ;; esac
  if [[ "$pkg" =~ $list_filter ]]; then continue; fi
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$pkg")
done < "$list"

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing missing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
