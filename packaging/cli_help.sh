# Reading a program's own --help (sourced by make-man-page.sh and tests/docs/check_cli_reference.sh).
# Set `program` (the binary), `name` (how the text should call it) and optionally `help_cache` first.

# The help of `program [SUBCOMMAND...]`, naming the program `name` (CLI11 and QCommandLineParser print the
# path it was started with).
# Each help is read once and kept in the folder $help_cache when that is set (a launch loads LibTorch).
help_of() {
  local file="${help_cache:-}/help${*:+_}${*// /_}"
  if [ -n "${help_cache:-}" ] && [ -f "$file" ]; then cat "$file"; return; fi
  local text
  text=$("$program" "$@" --help 2>/dev/null | sed -e "s|$program|$name|g")
  [ -z "${help_cache:-}" ] || printf '%s\n' "$text" > "$file"
  printf '%s\n' "$text"
}

# The subcommands a CLI11 help lists under "Subcommands:".
subcommands_of() { help_of "$@" | awk '/^Subcommands:/ {on = 1; next} on && /^$/ {on = 0} on && /^  [a-z]/ {print $1}'; }

# Every subcommand path, depth first, one a line: "model", "model info", ...
commands() {
  local sub
  for sub in $(subcommands_of "$@"); do
    echo "$* $sub" | sed 's/^ //'
    commands "$@" "$sub"
  done
}
