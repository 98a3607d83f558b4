#!/usr/bin/env bash
# Runs one data-driven case of `jixiao import` of a declaration export and compares it with
# its expectations.
#
#   tests/decl-import/run.sh JIXIAO_BINARY tests/decl-import/cases/NAME.py|NAME.csv.py|NAME.csv
#
# NAME.py builds NAME.xlsx with openpyxl (`python3 NAME.py OUT`), NAME.csv.py writes NAME.csv
# the same way, NAME.csv is imported as it is.  Beside it:
#   NAME.args             extra arguments of `jixiao import` (one line), optional
#   NAME.import.expected  stderr of `jixiao import NAME.xlsx -o out`, then `exit: N`
#   NAME.out.expected     the files written into out/, each after a line `==> FILE <==`
# A failed import ("未写出文件") must leave out/ without any file; every file written must
# be a declaration that `jixiao check` reads without an error.
# Environment: see tests/lib/cases.sh (JX_SPEC_UPDATE=1 rewrites the expectations).
set -uo pipefail
# shellcheck source=../lib/cases.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/cases.sh"
cases_init decl-import 'NAME.py|NAME.csv.py|NAME.csv' "$@"
# shellcheck source=../lib/require.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/require.sh"

case "$input" in
*.py)
  py=""
  for p in /usr/bin/python3 python3; do
    if "$p" -c 'import openpyxl' 2>/dev/null; then py=$p; break; fi
  done
  [ -n "$py" ] || jx_missing python3-openpyxl "python3 with openpyxl"
  case "$input" in
  *.csv.py) stem=${input%.csv.py}; data="$stem.csv" ;;
  *) data="$stem.xlsx" ;;
  esac
  if ! "$py" "$dir/$input" "$tmp/$data" >"$tmp/build.log" 2>&1; then
    echo "FAIL $input: building the workbook failed"
    cat "$tmp/build.log"
    exit 1
  fi
  ;;
*.csv)
  data="$input"
  cp "$dir/$input" "$tmp/$data"
  ;;
*)
  echo "decl-import: $input is neither .py nor .csv" >&2
  exit 2
  ;;
esac

args=()
if [ -f "$dir/$stem.args" ]; then read -r -a args < <(cat "$dir/$stem.args"); fi
casedir=$dir
dir=$tmp # the import runs beside the workbook: positions read NAME.xlsx:Sheet!C12
if cases_run import import "$data" -o out "${args[@]}"; then
  dir=$casedir
  { cases_with_final_newline "$tmp/import.err"; echo "exit: $(cat "$tmp/import.rc")"; } >"$tmp/import.actual"
  cases_wanted "$stem.import.expected" && cases_compare import "$stem.import.expected" "$tmp/import.actual"
  if grep -q '未写出文件' "$tmp/import.err"; then
    cases_ran=$((cases_ran + 1))
    if [ -n "$(ls -A "$tmp/out" 2>/dev/null)" ]; then
      echo "FAIL $input: a failed import left files behind: $(ls "$tmp/out")"
      cases_failed=$((cases_failed + 1))
    else
      echo "ok   no file written $input"
    fi
  elif [ -d "$tmp/out" ]; then
    : >"$tmp/out.actual"
    for f in "$tmp"/out/*; do
      { echo "==> $(basename "$f") <=="; cat "$f"; } >>"$tmp/out.actual"
      cases_ran=$((cases_ran + 1))
      if ! (cd "$tmp/out" && "$jixiao" check "$(basename "$f")") >"$tmp/check.out" 2>&1 ||
         grep -q ': error: ' "$tmp/check.out"; then
        echo "FAIL readback $(basename "$f"):"
        cat "$tmp/check.out"
        cases_failed=$((cases_failed + 1))
      fi
    done
    cases_wanted "$stem.out.expected" && cases_compare out "$stem.out.expected" "$tmp/out.actual"
  fi
fi
dir=$casedir
cases_finish
