#!/usr/bin/env bash
# Every link and image in README.md and docs/ that points into the repository names a file that exists.
# Web links, mail links and in-page anchors are not followed; fenced code blocks are skipped.
#   check_doc_links.sh SOURCE_DIR
set -euo pipefail
cd "$1"
broken=0
checked=0
while IFS= read -r doc; do
  dir=$(dirname "$doc")
  # Markdown links and images "](target)" and HTML src/href, outside ``` blocks.
  targets=$(awk '/^ *```/ {code = !code; next} !code' "$doc" \
    | grep -o -e '](\([^)]*\))' -e '\(src\|href\)="[^"]*"' \
    | sed -e 's/^](//' -e 's/)$//' -e 's/^\(src\|href\)="//' -e 's/"$//' -e 's/ ".*"$//' || true)
  while IFS= read -r target; do
    case "$target" in ''|http://*|https://*|mailto:*|'#'*) continue ;; esac
    path=${target%%#*}
    checked=$((checked + 1))
    if [ ! -e "$dir/$path" ]; then
      echo "$doc: links to $target, which does not exist"
      broken=$((broken + 1))
    fi
  done <<< "$targets"
done < <(find README.md docs -name '*.md' | sort)
echo "$checked links checked, $broken broken"
[ "$broken" -eq 0 ]
