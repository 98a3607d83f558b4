#!/usr/bin/env bash
# Runs one data-driven import case and compares it with its expectations.
#
#   tests/import/run_import.sh JIXIAO_BINARY path/to/NAME.txt|NAME.pdf
#
# In the input's directory (commands run there, so paths in the output are bare names):
#   NAME.yaml.expected    stdout of `jixiao import-report NAME.txt`: the department-year YAML
#   NAME.import.expected  its stderr (the diagnostics), then a last line `exit: N`
#   NAME.audit.expected   `jixiao audit NAME.txt`: stdout, then stderr, then `exit: N`
# Each YAML the import writes must also read back with no JX1xx error (`jixiao check`).
# On a mismatch prints a unified diff (expected → actual) and exits 1.
#
# Environment:
#   JX_SPEC_WRAPPER      command words put before the jixiao binary (valgrind …)
#   JX_SPEC_UPDATE=1     write the actual output into the .expected files instead of comparing
set -uo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 JIXIAO_BINARY NAME.txt|NAME.pdf" >&2
  exit 2
fi

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jixiao=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(cd "$(dirname "$2")" && pwd)
input=$(basename "$2")
stem=${input%.*}

[ -x "$jixiao" ] || { echo "run_import: no executable $1" >&2; exit 2; }
[ -f "$dir/$input" ] || { echo "run_import: no file $2" >&2; exit 2; }

export JIXIAO_FRAMEWORKS="${JIXIAO_FRAMEWORKS:-$(cd "$here/../.." && pwd)/frameworks}"
export LC_ALL="${LC_ALL:-C.UTF-8}" TZ="${TZ:-UTC}" NO_COLOR=1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-import.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

with_final_newline() {
  cat "$1"
  if [ -s "$1" ] && [ -n "$(tail -c 1 "$1")" ]; then echo; fi
}

failed=0
ran=0

# run LABEL ARGS... → $tmp/LABEL.out, .err, .rc; returns 1 on a sanitizer/valgrind finding
run() {
  local label=$1
  shift
  # shellcheck disable=SC2086  # the wrapper is meant to split into words
  (cd "$dir" && exec ${JX_SPEC_WRAPPER:-} "$jixiao" "$@") >"$tmp/$label.out" 2>"$tmp/$label.err" </dev/null
  local rc=$?
  echo "$rc" >"$tmp/$label.rc"
  if [ "$rc" -ge 128 ]; then
    echo "FAIL $label: jixiao was killed by signal $((rc - 128))"
  elif [ "$rc" -eq 97 ] && [ -n "${JX_SPEC_WRAPPER:-}" ]; then
    echo "FAIL $label: valgrind found errors or leaks"
  elif [ "$rc" -eq 98 ] || grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|==[0-9]+== (Invalid|Conditional jump|Mismatched)' "$tmp/$label.err"; then
    echo "FAIL $label: a sanitizer or valgrind reported an error"
  else
    return 0
  fi
  cat "$tmp/$label.err"
  failed=$((failed + 1))
  return 1
}

compare() { # LABEL EXPECTED ACTUAL
  ran=$((ran + 1))
  if [ "${JX_SPEC_UPDATE:-0}" = 1 ]; then
    cp "$3" "$dir/$2"
    echo "updated $dir/$2"
  elif diff -u --label "$2 (expected)" --label "$1 $input (actual)" <(with_final_newline "$dir/$2") "$3"; then
    echo "ok   $1 $input"
  else
    echo "FAIL $1: output differs from $2 (cwd $dir)"
    failed=$((failed + 1))
  fi
}

if [ -f "$dir/$stem.yaml.expected" ] || [ -f "$dir/$stem.import.expected" ] || [ "${JX_SPEC_UPDATE:-0}" = 1 ]; then
  if run import import-report "$input"; then
    { with_final_newline "$tmp/import.err"; echo "exit: $(cat "$tmp/import.rc")"; } >"$tmp/import.actual"
    [ -f "$dir/$stem.import.expected" ] || [ "${JX_SPEC_UPDATE:-0}" = 1 ] && compare import "$stem.import.expected" "$tmp/import.actual"
    if [ -s "$tmp/import.out" ]; then
      [ -f "$dir/$stem.yaml.expected" ] || [ "${JX_SPEC_UPDATE:-0}" = 1 ] && compare yaml "$stem.yaml.expected" "$tmp/import.out"
      # the YAML reads back: no JX1xx error
      cp "$tmp/import.out" "$tmp/$stem.yaml"
      ran=$((ran + 1))
      (cd "$tmp" && "$jixiao" check "$stem.yaml") >"$tmp/check.out" 2>&1
      if grep -qE ': error: JX1[0-9]{2} ' "$tmp/check.out"; then
        echo "FAIL readback: the imported YAML has reading errors:"
        grep -E ': error: JX1[0-9]{2} ' "$tmp/check.out"
        failed=$((failed + 1))
      else
        echo "ok   readback $input"
      fi
    fi
  fi
fi

if [ -f "$dir/$stem.audit.expected" ] || [ "${JX_SPEC_UPDATE:-0}" = 1 ]; then
  if run audit audit "$input"; then
    { with_final_newline "$tmp/audit.out"; with_final_newline "$tmp/audit.err"; echo "exit: $(cat "$tmp/audit.rc")"; } >"$tmp/audit.actual"
    compare audit "$stem.audit.expected" "$tmp/audit.actual"
  fi
fi

if [ "$ran" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "run_import: no NAME.import.expected / NAME.audit.expected next to $2" >&2
  exit 2
fi
[ "$failed" -eq 0 ]
