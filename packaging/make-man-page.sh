#!/usr/bin/env bash
# Writes a man page (roff) for a program from its own --help, so the page never drifts from the code.
#   make-man-page.sh PROGRAM NAME VERSION OUT [--subcommands]
# NAME is the name the page documents (redit); with --subcommands every subcommand's --help (CLI11's
# "Subcommands:" lists, recursively) becomes a section of COMMANDS. The build runs it (packaging/CMakeLists.txt).
set -euo pipefail
program=$1 name=$2 version=$3 out=$4 recurse=${5:-}

# shellcheck source=cli_help.sh
source "$(dirname "$0")/cli_help.sh"
help_cache=$(mktemp -d)
trap 'rm -rf "$help_cache"' EXIT

# Verbatim help text in roff: backslashes and dashes escaped, lines starting with a control character guarded.
roff_block() {
  printf '.nf\n'
  sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
  printf '.fi\n'
}

top=$(help_of)
summary=$(printf '%s\n' "$top" | awk 'NF && !/^Usage:/ {print; exit}')
upper=$(printf "%s" "$name" | tr a-z A-Z | sed "s/-/\\\\-/g")
{
  printf '.TH %s 1 "" "%s %s" "User Commands"\n' "$upper" "$name" "$version"
  printf '.SH NAME\n%s \\- %s\n' "$name" "$(printf '%s' "$summary" | sed 's/-/\\-/g')"
  printf '.SH SYNOPSIS\n'
  printf '%s\n' "$top" | grep '^Usage:' | sed 's/^Usage: //' | roff_block
  printf '.SH DESCRIPTION\n'
  printf '%s\n' "$top" | roff_block
  if [ "$recurse" = --subcommands ]; then
    printf '.SH COMMANDS\nEach command prints this text with \\fB%s\\fR \\fIcommand\\fR \\fB\\-\\-help\\fR.\n' "$name"
    while read -r path; do
      # shellcheck disable=SC2086  # the path is words
      printf '.SS "%s %s"\n' "$name" "$path"
      help_of $path | roff_block
    done < <(commands)
  fi
  printf '.SH ENVIRONMENT\n.TP\n.B OMP_WAIT_POLICY\n'
  printf 'Set to PASSIVE at start unless already set: OpenMP threads of LibTorch and OpenBLAS then sleep while they wait.\n'
  printf '.SH FILES\n.TP\n.I /usr/share/redit-workbench/models/logic-tiny\nThe built-in demo model.\n'
  printf '.TP\n.I /usr/share/doc/redit-workbench/manual.md\nThe user guide; cli.md beside it explains every command and run config key.\n'
  other=redit-workbench; [ "$name" = redit ] || other=redit
  printf '.SH SEE ALSO\n\\fB%s\\fR(1)\n' "$(printf '%s' "$other" | sed 's/-/\\-/g')"
} > "$out"
