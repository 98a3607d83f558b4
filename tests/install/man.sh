#!/usr/bin/env bash
# man.sh — the man pages the build wrote (build/man, scripts/man.sh): one per command of
# `jixiao --help` and jixiao(1); each renders without a groff warning and names every
# option of the command's own help page.
set -euo pipefail
J=$1
man=$(dirname "$J")/man/man1
fail() { echo "FAIL: $*"; exit 1; }
command -v groff >/dev/null || { . "$(dirname "$0")/../lib/require.sh"; jx_missing groff-base "groff (man pages)"; }
[ -f "$man/jixiao.1" ] || fail "no $man/jixiao.1"
n=0
for cmd in $("$J" --help | sed -n 's/^  jixiao \([a-z][a-z-]*\) .*/\1/p' | sort -u | grep -v '^help$'); do
  page=$man/jixiao-$cmd.1
  [ -f "$page" ] || fail "no man page for $cmd"
  warn=$(LC_ALL=C.UTF-8 groff -k -man -Tutf8 -ww -z "$page" 2>&1)
  [ -z "$warn" ] || fail "$page: $warn"
  text=$(LC_ALL=C.UTF-8 MANWIDTH=200 man -l "$page" 2>/dev/null)
  for opt in $("$J" help "$cmd" | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
    grep -qF -- "$opt" <<<"$text" || fail "$page lacks $opt"
  done
  grep -qF "jixiao-$cmd" <<<"$(LC_ALL=C.UTF-8 MANWIDTH=200 man -l "$man/jixiao.1" 2>/dev/null)" || fail "jixiao(1) does not point to jixiao-$cmd(1)"
  n=$((n + 1))
done
echo "ok: $n man pages render and list their options"
