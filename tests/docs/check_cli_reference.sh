#!/usr/bin/env bash
# docs/cli.md has a section for every `redit` command (a heading naming `redit COMMAND`) that mentions each
# of the command's options, read from the program's own --help.
#   check_cli_reference.sh REDIT_BINARY CLI_MD
set -euo pipefail
program=$1 name=redit doc=$2
# shellcheck source=../../packaging/cli_help.sh
source "$(dirname "$0")/../../packaging/cli_help.sh"
help_cache=$(mktemp -d)
trap 'rm -rf "$help_cache"' EXIT

# The long options of one command's help (CLI11's "Options:" list), --help aside.
options_of() {
  help_of "$@" | awk '/^Options:/ {on = 1; next} on && /^$/ {on = 0} on && /^  -/ {print $1}' \
    | tr ',' '\n' | grep '^--' | grep -v '^--help$' || true
}

# The lines of the section whose heading names `redit PATH`, up to the next heading.
section_of() { awk -v h="\`redit $*\`" 'index($0, "#") == 1 {on = index($0, h) > 0; next} on' "$doc"; }

missing=0
commands=0
for option in $(options_of); do
  grep -q -- "$option" "$doc" || { echo "redit $option: no entry in $doc"; missing=$((missing + 1)); }
done
while read -r path; do
  commands=$((commands + 1))
  # shellcheck disable=SC2086  # the path is words
  if ! grep -q "^#.*\`redit $path\`" "$doc"; then
    echo "redit $path: no section (a heading naming \`redit $path\`) in $doc"
    missing=$((missing + 1))
    continue
  fi
  # shellcheck disable=SC2086
  text=$(section_of $path)
  # shellcheck disable=SC2086
  for option in $(options_of $path); do
    grep -qE -- "(^|[^a-z-])$option([^a-z-]|\$)" <<< "$text" || { echo "redit $path $option: not in its section of $doc"; missing=$((missing + 1)); }
  done
done < <(commands)
echo "$commands commands checked, $missing entries missing"
[ "$missing" -eq 0 ]
