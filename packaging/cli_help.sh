# Reading a program's own --help (sourced by make-man-page.sh and tests/docs/check_cli_reference.sh).
# Set `program` (the binary) and `name` (how the text should call it) first.

# The help of `program [SUBCOMMAND...]`, naming the program `name` (CLI11 and QCommandLineParser print the
# path it was started with).
help_of() { "$program" "$@" --help 2>/dev/null | sed -e "s|$program|$name|g"; }

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
