#!/usr/bin/env bash
# Runs one data-driven spec case and compares it with its expectations.
#
#   tests/run_spec.sh JIXIAO_BINARY path/to/NAME.yaml
#
# In NAME.yaml's directory:
#   NAME.expected        stdout of `jixiao check --no-color NAME.yaml`, then a last line `exit: N`
#   NAME.score.expected  the same for `jixiao score NAME.yaml` (optional)
#   NAME.md.expected, NAME.html.expected  golden reports: `jixiao report NAME.yaml --format md|html`
# On a mismatch prints a unified diff (expected → actual) and exits 1.
#
# Environment:
#   JIXIAO_FRAMEWORKS    defaults to <repo>/frameworks
#   JX_SPEC_WRAPPER      command words put before the jixiao binary (e.g. valgrind ...)
#   JX_SPEC_UPDATE=1     write the actual output into the .expected files instead of comparing
set -uo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 JIXIAO_BINARY NAME.yaml" >&2
  exit 2
fi

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jixiao=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
yaml_dir=$(cd "$(dirname "$2")" && pwd)
yaml=$(basename "$2")
stem=${yaml%.yaml}

[ -x "$jixiao" ] || { echo "run_spec: no executable $1" >&2; exit 2; }
[ -f "$yaml_dir/$yaml" ] || { echo "run_spec: no file $2" >&2; exit 2; }

export JIXIAO_FRAMEWORKS="${JIXIAO_FRAMEWORKS:-$(cd "$here/.." && pwd)/frameworks}"
export LC_ALL="${LC_ALL:-C.UTF-8}" TZ="${TZ:-UTC}" NO_COLOR=1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-spec.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

# Prints a file with a final newline added if it lacks one.
with_final_newline() {
  cat "$1"
  if [ -s "$1" ] && [ -n "$(tail -c 1 "$1")" ]; then echo; fi
}

failed=0
ran=0

# run_case LABEL EXPECTED_FILE ARGS...
run_case() {
  local label=$1 expected=$2
  shift 2
  ran=$((ran + 1))
  local out="$tmp/$label.out" err="$tmp/$label.err" actual="$tmp/$label.actual" rc
  # shellcheck disable=SC2086  # the wrapper is meant to split into words
  (cd "$yaml_dir" && exec ${JX_SPEC_WRAPPER:-} "$jixiao" "$@") >"$out" 2>"$err" </dev/null
  rc=$?
  { with_final_newline "$out"; echo "exit: $rc"; } >"$actual"

  local problem=""
  if [ "$rc" -ge 128 ]; then
    problem="jixiao was killed by signal $((rc - 128))"
  elif [ "$rc" -eq 97 ] && [ -n "${JX_SPEC_WRAPPER:-}" ]; then
    problem="valgrind found errors or leaks"
  elif [ "$rc" -eq 98 ] || grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|==[0-9]+== (Invalid|Conditional jump|Mismatched)' "$err"; then
    problem="a sanitizer or valgrind reported an error"
  fi

  if [ "${JX_SPEC_UPDATE:-0}" = 1 ] && [ -z "$problem" ]; then
    cp "$actual" "$yaml_dir/$expected"
    echo "updated $yaml_dir/$expected"
    return
  fi

  if [ -n "$problem" ]; then
    echo "FAIL $label: $problem (cwd $yaml_dir)"
    echo "--- stderr ---"
    cat "$err"
    failed=$((failed + 1))
  elif ! diff -u --label "$expected (expected)" --label "$label $yaml (actual)" \
         <(with_final_newline "$yaml_dir/$expected") "$actual"; then
    echo "FAIL $label: output differs from $expected (cwd $yaml_dir)"
    if [ -s "$err" ]; then
      echo "--- stderr ---"
      cat "$err"
    fi
    failed=$((failed + 1))
  else
    echo "ok   $label $yaml"
  fi
}

if [ -f "$yaml_dir/$stem.expected" ]; then
  run_case check "$stem.expected" check --no-color "$yaml"
fi
if [ -f "$yaml_dir/$stem.score.expected" ]; then
  run_case score "$stem.score.expected" score "$yaml"
fi
# golden reports: NAME.md.expected / NAME.html.expected
for fmt in md html; do
  if [ -f "$yaml_dir/$stem.$fmt.expected" ]; then
    run_case "report-$fmt" "$stem.$fmt.expected" report "$yaml" --format "$fmt"
  fi
done

if [ "$ran" -eq 0 ]; then
  echo "run_spec: neither $stem.expected nor $stem.score.expected next to $2" >&2
  exit 2
fi
[ "$failed" -eq 0 ]
