#!/usr/bin/env bash
# version.sh — `jixiao --version`: the version of include/jixiao.h, a commit line, the
# libraries the program and its modules loaded (each with the version it reports), the
# modules found.
set -euo pipefail
J=$1
SRC=$(cd "$(dirname "$0")/../.." && pwd)
out=$(cd / && "$J" --version)
echo "$out"
want=$(sed -n 's/^#define JX_VERSION "\(.*\)"/\1/p' "$SRC/include/jixiao.h")
fail() { echo "FAIL: $*"; exit 1; }
[ "$(echo "$out" | head -1)" = "jixiao $want" ] || fail "first line is not 'jixiao $want'"
echo "$out" | grep -Eq '^提交：([0-9a-f]{7,}|unknown)$' || fail "no commit line"
for lib in libyaml jansson utf8proc libsodium SQLite libpq libmicrohttpd cairo pango libzip expat; do
  echo "$out" | grep -Eq "^  $lib +[^ ]*[0-9][^ ]* +/" || fail "$lib is not listed with a version and a path"
done
for m in render excel sqlite pg web; do
  echo "$out" | grep -Eq "^  libjixiao-$m\.so +/" || fail "module libjixiao-$m.so not found"
done
[ "$("$J" -V | head -1)" = "jixiao $want" ] || fail "-V differs"
echo "ok: --version"
