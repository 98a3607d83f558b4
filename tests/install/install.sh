#!/usr/bin/env bash
# install.sh — `cmake --install` (what `make install` runs) into a DESTDIR: the installed
# program, run from another directory with no JIXIAO_* variable, finds the modules and
# frameworks of that tree (relative to itself) and checks the seed as the build does.
set -euo pipefail
J=$1
BUILD=$(dirname "$J")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
DESTDIR="$tmp/root" cmake --install "$BUILD" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; fail "cmake --install"; }
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$BUILD/CMakeCache.txt")
root="$tmp/root$prefix"
bin="$root/bin/jixiao"
[ -x "$bin" ] || fail "no $bin"
ls "$root"/share/jixiao/frameworks/*.yaml >/dev/null || fail "no frameworks under share/jixiao"
mods=$(find "$root" -name 'libjixiao-*.so' | wc -l)
[ "$mods" -eq 5 ] || fail "$mods modules installed, want 5"
if find "$root/bin" -name '*.so' | grep -q .; then fail "modules in bin/"; fi
unset JIXIAO_FRAMEWORKS JIXIAO_RENDER_MODULE JIXIAO_EXCEL_MODULE JIXIAO_SQLITE_MODULE JIXIAO_PG_MODULE JIXIAO_WEB_MODULE
mkdir "$tmp/elsewhere" && cd "$tmp/elsewhere"
cp "$SRC/examples/ebian-cppcc-2023.yaml" seed.yaml
# the installed tree's own modules, not the build's
"$bin" --version | grep -E '^  libjixiao-' | tee versions.txt
[ "$(grep -c " $root/" versions.txt)" -eq 5 ] || fail "the installed program loaded modules outside its tree"
rc=0; "$bin" check seed.yaml >check.out 2>&1 || rc=$?
want=0; (cd "$tmp" && "$J" check "$tmp/elsewhere/seed.yaml" >/dev/null 2>&1) || want=$?
cat check.out
[ "$rc" -eq "$want" ] || fail "installed check exited $rc, the build's $want"
if grep -q JX311 check.out; then fail "framework not found"; fi
# the installed frameworks are on its search path (a missing one names it)
sed 's/^framework: .*/framework: no-such-framework/' seed.yaml >none.yaml
"$bin" check none.yaml >none.out 2>&1 || true
grep -q "$root/bin/../share/jixiao/frameworks" none.out || { cat none.out; fail "share/jixiao/frameworks not searched"; }
"$bin" report seed.yaml --format pdf -o seed.pdf >/dev/null 2>&1 || true
[ -s seed.pdf ] || fail "no PDF from the installed render module"
echo "ok: installed under DESTDIR, modules and frameworks found there"
