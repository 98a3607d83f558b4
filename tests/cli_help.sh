#!/usr/bin/env bash
# cli_help.sh — every command has its own complete help page (CTest: cli-help).
#
#   tests/cli_help.sh JIXIAO_BINARY
#
# For each command listed by `jixiao --help`: `jixiao help CMD`, `jixiao CMD --help` and
# `jixiao CMD -h` print the same page to stdout with exit 0, the page starts with
# "用法：jixiao CMD" and names no other command's usage; and every option (a "--name"
# string literal) that the command's source file in src/cli/ parses appears on the page
# of one of the commands that file serves.
set -uo pipefail
jx=$1
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

cmds=$("$jx" --help | sed -n 's/^  jixiao \([a-z][a-z-]*\).*/\1/p' | grep -v '^help$' | sort -u)
[ -n "$cmds" ] || { echo "FAIL: jixiao --help lists no command"; exit 1; }
for c in $cmds; do
  page=$("$jx" help "$c") || fail "jixiao help $c exited $?"
  for way in --help -h; do
    other=$("$jx" "$c" "$way") || fail "jixiao $c $way exited $?"
    [ "$other" = "$page" ] || fail "jixiao $c $way differs from jixiao help $c"
  done
  case "$page" in "用法：jixiao $c"*) ;; *) fail "the page of $c does not start with 用法：jixiao $c" ;; esac
  for o in $cmds; do
    [ "$o" = "$c" ] && continue
    if printf '%s\n' "$page" | grep -q "^  jixiao $o "; then fail "the page of $c shows the usage of $o"; fi
  done
done
"$jx" help no-such-command >/dev/null 2>&1 && fail "jixiao help no-such-command exited 0"

# every option a command file parses is on a page of its commands
check_file() { # file command...
  local file=$1 pages="" opt
  shift
  for c in "$@"; do pages+=$("$jx" help "$c")$'\n'; done
  for opt in $(grep -o '"--[a-z][a-z-]*["=]' "$root/src/cli/$file" | tr -d '"=' | sort -u); do
    case "$opt" in --help) continue ;; esac
    grep -qe "$opt\b" <<<"$pages" || fail "src/cli/$file parses $opt, but the help of $* does not mention it"
  done
}
check_file evaluate.c check score report import-report audit
check_file template.c template
check_file import.c import
check_file db.c db
check_file serve.c serve user
check_file gen.c gen

n=$(wc -w <<<"$cmds")
if [ "$failed" -eq 0 ]; then echo "cli help: $n commands, each with its own complete page"; exit 0; fi
exit 1
