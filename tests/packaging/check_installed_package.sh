#!/usr/bin/env bash
# The Debian package as a user gets it: builds it with CPack from this build, checks what it holds and its
# dependencies, unpacks it with `dpkg -x` into a temporary root (no LD_LIBRARY_PATH: the programs need only
# the system libraries the package depends on) and runs there `redit --version`, `redit eval` on the
# installed built-in model and the workbench's --self-test on the offscreen platform.
#   check_installed_package.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd) source=$(cd "$2" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/redit-package-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Outside the source and build trees, with an empty home: nothing may be found there by accident.
cd "$work"
export HOME=$work/home XDG_DATA_HOME=$work/home/data XDG_CONFIG_HOME=$work/home/config XDG_RUNTIME_DIR=$work/run
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" > "$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack -G DEB"; }
deb=$(ls "$work"/out/redit-workbench_*.deb)
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

listing=$(dpkg-deb -c "$deb")
for path in ./usr/bin/redit ./usr/bin/redit-workbench \
    ./usr/share/redit-workbench/models/logic-tiny/model.safetensors \
    ./usr/share/redit-workbench/models/logic-tiny/config.json \
    ./usr/share/redit-workbench/models/logic-tiny/tokenizer.json \
    ./usr/share/redit-workbench/translations/redit_zh_CN.qm \
    ./usr/share/applications/org.reditworkbench.Workbench.desktop \
    ./usr/share/icons/hicolor/scalable/apps/org.reditworkbench.Workbench.svg \
    ./usr/share/metainfo/org.reditworkbench.Workbench.metainfo.xml \
    ./usr/share/mime/packages/org.reditworkbench.Workbench.xml \
    ./usr/share/man/man1/redit.1.gz ./usr/share/man/man1/redit-workbench.1.gz \
    ./usr/share/doc/redit-workbench/copyright ./usr/share/doc/redit-workbench/LICENSE \
    ./usr/share/doc/redit-workbench/manual.md ./usr/share/doc/redit-workbench/cli.md; do
  grep -q " $path\$" <<< "$listing" || fail "the package lacks $path"
done
grep -q "/build/\|/work/\|$source" <<< "$listing" && fail "the package holds build-tree paths"

depends=$(dpkg-deb -f "$deb" Depends)
for lib in libtorch libqt6widgets6 libqt6charts6 libgvc6 libsqlite3; do
  grep -q "$lib" <<< "$depends" || fail "Depends (from dpkg-shlibdeps) lacks $lib: $depends"
done
echo "Depends: $depends"

root=$work/root
dpkg -x "$deb" "$root"
bin=$root/usr/bin share=$root/usr/share

# The desktop integration files are valid for the tools that read them.
desktop-file-validate "$share/applications/org.reditworkbench.Workbench.desktop" || fail "desktop entry"
appstreamcli validate --no-net "$share/metainfo/org.reditworkbench.Workbench.metainfo.xml" > "$work/appstream.log" 2>&1 \
  || { cat "$work/appstream.log"; fail "AppStream metainfo"; }
update-mime-database "$share/mime" > "$work/mime.log" 2>&1 || { cat "$work/mime.log"; fail "update-mime-database"; }
grep -q '^[0-9]*:application/x-redit-project:\*\.redit$' "$share/mime/globs2" || fail "no *.redit glob after update-mime-database"
zcat "$share/man/man1/redit.1.gz" | grep -q "^.SS \"redit circuits\"" || fail "the man page of redit lacks the circuits command"

version=$("$bin/redit" --version)
echo "$version"
grep -q "^redit [0-9.]* (commit [0-9a-z-]*)" <<< "$version" || fail "redit --version names no version and commit"
grep -q "^LibTorch [0-9]" <<< "$version" || fail "redit --version names no LibTorch"
grep -q "^BLAS " <<< "$version" || fail "redit --version names no BLAS"

# The installed model answers exactly as the source tree's (same table, the heading names the model).
installed=$("$bin/redit" eval "$share/redit-workbench/models/logic-tiny" --data synthetic:deductive:level1 --threads 1 2> /dev/null)
reference=$("$build/app/redit" eval "$source/resources/models/logic-tiny" --data synthetic:deductive:level1 --threads 1 2> /dev/null)
grep -q "^overall " <<< "$installed" || fail "redit eval printed no overall accuracy: $installed"
[ "$(tail -n +2 <<< "$installed")" = "$(tail -n +2 <<< "$reference")" ] || fail "the installed model's accuracy differs from the source tree's"
grep "^overall " <<< "$installed"

selftest=$(QT_QPA_PLATFORM=offscreen "$bin/redit-workbench" --self-test) || { echo "$selftest"; fail "redit-workbench --self-test"; }
echo "$selftest"
grep -q "^built-in model: $share/redit-workbench/models/logic-tiny\$" <<< "$selftest" || fail "the workbench did not use the installed model"
grep -q "^translations: $share/redit-workbench/translations\$" <<< "$selftest" || fail "the workbench did not use the installed translations"
echo "package test passed"
