#!/usr/bin/env bash
# man.sh — the man pages jixiao(1) and jixiao-COMMAND(1), written from the program's own
# help pages (`jixiao --help`, `jixiao help COMMAND`: src/cli/commands.c), so that the two
# cannot drift.  Run by the build (CMake target jx_man) after the program is linked.
#   scripts/man.sh JIXIAO OUTDIR
set -euo pipefail
J=$1
out=$2
mkdir -p "$out"
# every reader below reads its input to the end: one that stops early (head -1, awk's exit)
# can kill the writer with SIGPIPE, which pipefail turns into a failed build (exit 141)
version=$("$J" --version 2>/dev/null | sed -n '1s/^jixiao //p')
# groff: the text as it is (no filling), backslashes and leading dots/quotes escaped
body() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }
page() { # NAME SUMMARY TEXT-COMMAND...
  local name=$1 summary=$2
  shift 2
  {
    printf '.\\" -*- coding: UTF-8 -*-\n'
    printf '.TH %s 1 "" "jixiao %s" "jixiao"\n' "$(echo "$name" | tr a-z A-Z)" "$version"
    printf '.SH NAME\n%s \\- %s\n' "$name" "$summary"
    printf '.SH DESCRIPTION\n.nf\n'
    "$@" | body
    printf '.fi\n'
    if [ "$name" = jixiao ]; then
      printf '.SH SEE ALSO\n'
      "$J" --help | sed -n 's/^  jixiao \([a-z][a-z-]*\) .*/\1/p' | sort -u | grep -v '^help$' |
        sed 's/^\(.*\)$/.BR jixiao-\1 (1)/'
    else
      printf '.SH SEE ALSO\n.BR jixiao (1)\n'
    fi
  } >"$out/$name.1"
}
page jixiao "预算绩效自评：检查、计分、报告、收集和网页服务" "$J" --help
for cmd in $("$J" --help | sed -n 's/^  jixiao \([a-z][a-z-]*\) .*/\1/p' | sort -u | grep -v '^help$'); do
  # the first line of its description: the first line after the first blank line
  summary=$("$J" help "$cmd" | awk 'seen && NF && !done { print; done = 1 } !NF { seen = 1 }' | sed 's/[。：，（].*//')
  page "jixiao-$cmd" "${summary:-jixiao $cmd}" "$J" help "$cmd"
done
