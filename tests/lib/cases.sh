# cases.sh — shared machinery of the data-driven test runners (sourced, not run).
#
# A runner sources this file, calls cases_init, then for each expectation next to its
# input runs the real binary with cases_run and compares with cases_compare (or uses
# cases_expect, which does both for stdout + exit code), and ends with cases_finish.
#
#   cases_init RUNNER_NAME INPUT_FORM "$@"      checks the usage (BINARY INPUT), sets $jixiao, $dir (the input's
#                                                   directory, where commands run),
#                                                   $input (its base name), $stem,
#                                                   $tmp (removed at exit)
#   cases_run LABEL ARGS...          runs `jixiao ARGS` in $dir (wrapped by
#                                    $JX_SPEC_WRAPPER) → $tmp/LABEL.out, .err, .rc;
#                                    returns 1 (and counts a failure) when it crashed or
#                                    a sanitizer / valgrind reported something
#   cases_compare LABEL EXPECTED ACTUAL_FILE   diff $dir/EXPECTED against ACTUAL_FILE
#                                    (JX_SPEC_UPDATE=1: copy ACTUAL_FILE there instead)
#   cases_expect LABEL EXPECTED ARGS...   cases_run, then compare stdout + "exit: N"
#   cases_wanted EXPECTED            true when $dir/EXPECTED exists or JX_SPEC_UPDATE=1
#   cases_finish                     exit status: 2 if nothing ran, 1 on a failure
#
# Environment: JIXIAO_FRAMEWORKS (default <repo>/frameworks), JX_SPEC_WRAPPER (command
# words put before the binary, e.g. valgrind …), JX_SPEC_UPDATE=1 (rewrite expectations).

cases_failed=0
cases_ran=0

cases_init() { # RUNNER_NAME INPUT_FORM JIXIAO_BINARY INPUT (the runner's own "$@" as the last two)
  cases_name=$1
  if [ $# -ne 4 ]; then
    echo "usage: $cases_name JIXIAO_BINARY $2" >&2
    exit 2
  fi
  [ -x "$3" ] || { echo "$cases_name: no executable $3" >&2; exit 2; }
  [ -f "$4" ] || { echo "$cases_name: no file $4" >&2; exit 2; }
  jixiao=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
  dir=$(cd "$(dirname "$4")" && pwd)
  input=$(basename "$4")
  stem=${input%.*}
  local repo
  repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  export JIXIAO_FRAMEWORKS="${JIXIAO_FRAMEWORKS:-$repo/frameworks}"
  export LC_ALL="${LC_ALL:-C.UTF-8}" TZ="${TZ:-UTC}" NO_COLOR=1
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-cases.XXXXXX") || exit 2
  # shellcheck disable=SC2064  # expand now: $tmp is fixed
  trap "rm -rf '$tmp'" EXIT
}

# A file's content with a final newline added if it lacks one.
cases_with_final_newline() {
  cat "$1"
  if [ -s "$1" ] && [ -n "$(tail -c 1 "$1")" ]; then echo; fi
}

cases_wanted() { [ -f "$dir/$1" ] || [ "${JX_SPEC_UPDATE:-0}" = 1 ]; }

cases_run() {
  local label=$1
  shift
  # shellcheck disable=SC2086  # the wrapper is meant to split into words
  (cd "$dir" && exec ${JX_SPEC_WRAPPER:-} "$jixiao" "$@") >"$tmp/$label.out" 2>"$tmp/$label.err" </dev/null
  local rc=$?
  echo "$rc" >"$tmp/$label.rc"
  local problem=""
  if [ "$rc" -ge 128 ]; then
    problem="jixiao was killed by signal $((rc - 128))"
  elif [ "$rc" -eq 97 ] && [ -n "${JX_SPEC_WRAPPER:-}" ]; then
    problem="valgrind found errors or leaks"
  elif [ "$rc" -eq 98 ] || grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|==[0-9]+== (Invalid|Conditional jump|Mismatched)' "$tmp/$label.err"; then
    problem="a sanitizer or valgrind reported an error"
  fi
  [ -z "$problem" ] && return 0
  cases_ran=$((cases_ran + 1))
  echo "FAIL $label: $problem (cwd $dir)"
  echo "--- stderr ---"
  cat "$tmp/$label.err"
  cases_failed=$((cases_failed + 1))
  return 1
}

cases_compare() {
  local label=$1 expected=$2 actual=$3
  cases_ran=$((cases_ran + 1))
  if [ "${JX_SPEC_UPDATE:-0}" = 1 ]; then
    cp "$actual" "$dir/$expected"
    echo "updated $dir/$expected"
  elif diff -u --label "$expected (expected)" --label "$label $input (actual)" \
         <(cases_with_final_newline "$dir/$expected") "$actual"; then
    echo "ok   $label $input"
  else
    echo "FAIL $label: output differs from $expected (cwd $dir)"
    if [ -s "$tmp/$label.err" ]; then
      echo "--- stderr ---"
      cat "$tmp/$label.err"
    fi
    cases_failed=$((cases_failed + 1))
  fi
}

cases_expect() {
  local label=$1 expected=$2
  shift 2
  cases_run "$label" "$@" || return 0
  { cases_with_final_newline "$tmp/$label.out"; echo "exit: $(cat "$tmp/$label.rc")"; } >"$tmp/$label.actual"
  cases_compare "$label" "$expected" "$tmp/$label.actual"
}

cases_finish() {
  if [ "$cases_ran" -eq 0 ]; then
    echo "$cases_name: no expectation file next to $dir/$input" >&2
    exit 2
  fi
  [ "$cases_failed" -eq 0 ]
}
