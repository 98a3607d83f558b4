#!/usr/bin/env bash
# Drives the real jixiao binary with bad input and bad usage.
#
#   tests/bad_input.sh JIXIAO_BINARY
#
# Run from the repository root (CTest does).  Prints one line per check, then
# "N passed, N failed" (and "N known bugs" when some checks hit a known library bug:
# those print "BUG" and do not fail the run; they pass by themselves once fixed).
# Exits non-zero when any check failed.
#
# Environment: JX_SPEC_WRAPPER — command words put before the binary (valgrind …);
#              JX_RUN_BUG_TESTS=1 — known bugs count as failures.
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 JIXIAO_BINARY" >&2
  exit 2
fi
jixiao=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$jixiao" ] || { echo "bad_input: no executable $1" >&2; exit 2; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root" || exit 2

export JIXIAO_FRAMEWORKS="${JIXIAO_FRAMEWORKS:-$root/frameworks}"
export LC_ALL="${LC_ALL:-C.UTF-8}" TZ="${TZ:-UTC}" NO_COLOR=1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-bad-input.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

# Seconds a rejected huge input may take (more under valgrind and the like).
if [ -n "${JX_SPEC_WRAPPER:-}" ]; then limit_s=30; else limit_s=5; fi

passed=0 failed=0 bugs=0

pass() { passed=$((passed + 1)); echo "ok    $1"; }
fail() {
  failed=$((failed + 1))
  echo "FAIL  $1"
  shift
  local line
  for line in "$@"; do echo "      $line"; done
  if [ -s "$tmp/out" ]; then echo "      --- stdout:"; head -n 20 "$tmp/out" | sed 's/^/      /'; fi
  if [ -s "$tmp/err" ]; then echo "      --- stderr:"; head -n 20 "$tmp/err" | sed 's/^/      /'; fi
}
# A check that a known library bug makes fail: reported, not counted as a failure
# (counted as one with JX_RUN_BUG_TESTS=1, as the unit tests do).
bug() {
  if [ -n "${JX_RUN_BUG_TESTS:-}" ]; then local what="BUG: $1"; shift; fail "$what" "$@"; return; fi
  bugs=$((bugs + 1))
  echo "BUG   $1"
  shift
  local line
  for line in "$@"; do echo "      $line"; done
}

# run ARGS... — runs jixiao with stdin closed; sets rc and ms (wall time, milliseconds);
# stdout in $tmp/out, stderr in $tmp/err.  A crash (signal) or a sanitizer/valgrind exit
# (97, 98, or a sanitizer report on stderr) is a failure unless known_crash=1 is set for
# the call; crashed=1 tells the caller.
run() {
  local t0 t1
  t0=$(date +%s%N)
  # The subshell reports a crash ("Segmentation fault") into $tmp/err, not our stderr.
  # shellcheck disable=SC2086  # the wrapper is meant to split into words
  (${JX_SPEC_WRAPPER:-} "$jixiao" "$@"; exit $?) >"$tmp/out" 2>"$tmp/err" </dev/null
  rc=$?
  t1=$(date +%s%N)
  ms=$(((t1 - t0) / 1000000))
  # no output of any run may print a NULL string
  if grep -q '(null)' "$tmp/out" "$tmp/err"; then
    fail "jixiao $* prints \"(null)\"" "$(grep -h '(null)' "$tmp/out" "$tmp/err" | head -n 3)"
  fi
  crashed=0
  if [ "$rc" -ge 97 ] || grep -Eq 'Sanitizer|runtime error:|Segmentation fault|Aborted|==[0-9]+== ' "$tmp/err"; then crashed=1; fi
  if [ "$crashed" = 1 ] && [ "${known_crash:-0}" != 1 ]; then
    fail "jixiao $* crashed or a sanitizer/valgrind reported an error (exit $rc)"
  fi
}

# expect_rc NAME WANT... — passes when rc is one of WANT
expect_rc() {
  local name=$1 w
  shift
  for w in "$@"; do [ "$rc" -eq "$w" ] && { pass "$name (exit $rc)"; return 0; }; done
  fail "$name" "exit $rc, expected $*"
  return 1
}

# expect_grep NAME FILE PATTERN — extended regex in the file
expect_grep() {
  if grep -Eq -- "$3" "$2"; then pass "$1"; else fail "$1" "no /$3/ in $(basename "$2")"; fi
}

expect_fast() {
  if [ "$ms" -le $((limit_s * 1000)) ]; then pass "$1 (${ms} ms)"; else fail "$1" "took ${ms} ms, limit ${limit_s} s"; fi
}

# ---- files that cannot be data ----------------------------------------------------------

# A 1 GB file (sparse: no disk used) is refused by its size, without reading it.
big="$tmp/big.yaml"
if truncate -s 1G "$big" 2>/dev/null; then
  run check "$big"
  # A file refused for its size is bad data (exit 1), not an unreadable file (exit 3).
  expect_rc "1 GB file" 1
  expect_grep "1 GB file: JX100 diagnostic" "$tmp/out" 'error: JX100'
  expect_grep "1 GB file: message names the size limit" "$tmp/out" "JX100 .*(16777216|16 MB)"
  expect_fast "1 GB file: refused quickly"
  run score --json "$big"
  expect_rc "score --json on a 1 GB file" 1 3
  expect_grep "score on a 1 GB file: JX100 on stderr" "$tmp/err" 'JX100'
  rm -f "$big"
else
  fail "1 GB file" "truncate -s 1G failed in $tmp"
fi

# An endless character device is cut off at the size limit.
if [ -c /dev/zero ]; then
  run check /dev/zero
  expect_rc "/dev/zero" 1 3
  expect_grep "/dev/zero: JX100 size limit" "$tmp/out" "JX100 .*(16777216|16 MB)"
  expect_fast "/dev/zero: refused quickly"
fi

run check "$tmp/does-not-exist.yaml"
expect_rc "nonexistent file" 3
expect_grep "nonexistent file: JX100" "$tmp/out" 'does-not-exist\.yaml: error: JX100'

mkdir -p "$tmp/a-directory"
run check "$tmp/a-directory"
expect_rc "a directory" 1 3
expect_grep "a directory: JX100" "$tmp/out" 'error: JX100'

: >"$tmp/empty.yaml"
run check "$tmp/empty.yaml"
expect_rc "empty file" 1
expect_grep "empty file: JX100" "$tmp/out" 'empty\.yaml:1:1: error: JX100'

run check /dev/null
expect_rc "/dev/null" 1
expect_grep "/dev/null: JX100" "$tmp/out" 'error: JX100'

# binary garbage: not UTF-8
head -c 4096 "$jixiao" >"$tmp/binary.yaml"
run check "$tmp/binary.yaml"
expect_rc "binary file" 1
expect_grep "binary file: JX101" "$tmp/out" 'error: JX101'

# several files: the worst exit wins, and the readable file is still checked
run check examples/project-county-library-2023.yaml "$tmp/does-not-exist.yaml"
expect_rc "good file + missing file" 3
expect_grep "good file + missing file: summary line" "$tmp/out" '^2 个文件'

if [ "$(id -u)" -ne 0 ]; then
  cp examples/project-county-library-2023.yaml "$tmp/unreadable.yaml"
  chmod 000 "$tmp/unreadable.yaml"
  run check "$tmp/unreadable.yaml"
  expect_rc "unreadable file" 3
fi

# ---- bad frameworks (a --frameworks directory is input too) ---------------------------------

# A department framework whose project_framework names itself, and a two-framework loop.
# Regression: these once recursed until the stack overflowed.  Expected: JX311, exit 1.
mkdir -p "$tmp/fw"
sed -e 's/^id: .*/id: self-loop/' -e 's/^project_framework: .*/project_framework: self-loop/' \
  frameworks/sichuan-ebian-department-2023.yaml >"$tmp/fw/self-loop.yaml"
sed -e 's/^id: .*/id: loop-a/' -e 's/^project_framework: .*/project_framework: loop-b/' \
  frameworks/sichuan-ebian-department-2023.yaml >"$tmp/fw/loop-a.yaml"
sed -e 's/^id: .*/id: loop-b/' -e 's/^project_framework: .*/project_framework: loop-a/' \
  frameworks/sichuan-ebian-department-2023.yaml >"$tmp/fw/loop-b.yaml"
for id in self-loop loop-a; do
  printf 'schema: jixiao/1\nkind: department\nframework: %s\nyear: 2023\ndepartment:\n  name: 测试部门\n' "$id" >"$tmp/$id.yaml"
  run check --frameworks "$tmp/fw" "$tmp/$id.yaml"
  if [ "$rc" -eq 1 ] && grep -q 'JX311' "$tmp/out"; then pass "framework $id: JX311, exit 1"
  else fail "framework $id: JX311, exit 1" "exit $rc"; fi
done

# A framework that is not YAML at all, and one with a step_deduction block without a step.
printf 'not: [valid\n' >"$tmp/fw/broken.yaml"
printf 'schema: jixiao/1\nkind: department\nframework: broken\nyear: 2023\ndepartment:\n  name: 测试部门\n' >"$tmp/broken.yaml"
run check --frameworks "$tmp/fw" "$tmp/broken.yaml"
expect_rc "framework that is not YAML" 1 3
expect_grep "framework that is not YAML: JX102 in the framework file" "$tmp/out" 'broken\.yaml:[0-9]+:[0-9]+: error: JX102'
sed -e 's/^id: .*/id: no-step/' -e '/^    step: /d' frameworks/example-formula-department.yaml >"$tmp/fw/no-step.yaml"
printf 'schema: jixiao/1\nkind: department\nframework: no-step\nyear: 2023\ndepartment:\n  name: 测试部门\nfinance:\n  adjusted: 100\n  expenditure:\n    total: 90\n' >"$tmp/no-step.yaml"
run check --frameworks "$tmp/fw" "$tmp/no-step.yaml"
expect_rc "step_deduction without a step" 1 3
expect_grep "step_deduction without a step: JX311" "$tmp/out" 'JX311 .*step'

# ---- usage ------------------------------------------------------------------------------------

run
expect_rc "no arguments" 2
expect_grep "no arguments: usage on stderr" "$tmp/err" '用法'
if [ -s "$tmp/out" ]; then fail "no arguments: nothing on stdout"; else pass "no arguments: nothing on stdout"; fi

run check --bogus examples/project-county-library-2023.yaml
expect_rc "check with an unknown option" 2
expect_grep "unknown option named on stderr" "$tmp/err" 'bogus'

run score --no-such-option examples/project-county-library-2023.yaml
expect_rc "score with an unknown option" 2

run --bogus
expect_rc "unknown top-level option" 2

run check --json examples/project-county-library-2023.yaml
expect_rc "--json is an option of score only" 2

run frobnicate examples/project-county-library-2023.yaml
expect_rc "unknown command" 2
expect_grep "unknown command named on stderr" "$tmp/err" 'frobnicate'

run check
expect_rc "check without a file" 2

run score
expect_rc "score without a file" 2

run score examples/project-county-library-2023.yaml examples/broken-project.yaml
expect_rc "score with two files" 2

run check examples/project-county-library-2023.yaml --frameworks
expect_rc "--frameworks without a directory" 2

run --help
expect_rc "--help" 0
expect_grep "--help: usage on stdout" "$tmp/out" '用法'

run --version
expect_rc "--version" 0
expect_grep "--version" "$tmp/out" '^jixiao [0-9]+\.[0-9]+\.[0-9]+$'

# ---- score --json ------------------------------------------------------------------------------

# check_json NAME — $tmp/out is valid JSON with the documented keys
check_json() {
  if python3 -m json.tool "$tmp/out" >/dev/null 2>"$tmp/json.err"; then
    pass "$1: valid JSON"
  else
    fail "$1: valid JSON" "$(head -n 3 "$tmp/json.err")"
    return
  fi
  if python3 - "$tmp/out" >"$tmp/keys.err" 2>&1 <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
bad = []
def need(obj, key, where):
    if not isinstance(obj, dict) or key not in obj:
        bad.append(f"{where}: no key {key!r}")
        return None
    return obj[key]
for k in ("total", "grade", "execution_rate", "indicators", "diagnostics"):
    need(d, k, "top level")
if isinstance(d.get("total"), str):
    float(d["total"])  # a decimal number, written as a string
if d.get("complete") is False:  # incomplete: no total, no grade, what was scored and what was not
    if d.get("total") is not None or d.get("grade") is not None:
        bad.append("incomplete, yet a total or a grade")
    for k in ("partial_total", "unscored_points", "unscored"):
        need(d, k, "top level")
elif not d.get("grade"):
    bad.append("grade is empty")
inds = d.get("indicators") or []
if not inds:
    bad.append("no indicators")
for i, ind in enumerate(inds):
    need(ind, "score", f"indicators[{i}]")
    der = need(ind, "derivation", f"indicators[{i}]")
    if ind.get("scored") and not der:
        bad.append(f"indicators[{i}] is scored but has no derivation")
for i, g in enumerate(d.get("diagnostics") or []):
    for k in ("code", "severity", "line"):
        need(g, k, f"diagnostics[{i}]")
    if g.get("severity") not in ("error", "warning", "note"):
        bad.append(f"diagnostics[{i}].severity = {g.get('severity')!r}")
    if not str(g.get("code", "")).startswith("JX"):
        bad.append(f"diagnostics[{i}].code = {g.get('code')!r}")
    if not isinstance(g.get("line"), int):
        bad.append(f"diagnostics[{i}].line = {g.get('line')!r}")
if bad:
    print("\n".join(bad[:10]))
    sys.exit(1)
EOF
  then
    pass "$1: keys total, grade, execution_rate, indicators[].score/derivation, diagnostics[].code/severity/line"
  else
    fail "$1: documented keys" "$(head -n 10 "$tmp/keys.err")"
  fi
}

run score --json examples/ebian-cppcc-2023.yaml
expect_rc "score --json on the seed" 1
check_json "score --json on the seed"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d.get("diagnostics") else 1)' "$tmp/out" 2>/dev/null; then
  pass "seed: diagnostics listed in the JSON"
else
  fail "seed: diagnostics listed in the JSON"
fi

run score --json examples/project-county-library-2023.yaml
expect_rc "score --json on the project example" 0
check_json "score --json on the project example"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if (str(d["total"]), d["grade"], str(d["execution_rate"])) == ("95.4", "优", "92.12") else 1)' "$tmp/out" 2>/dev/null; then
  pass "project example: total 95.4, 优, execution 92.12"
else
  fail "project example: total 95.4, 优, execution 92.12"
fi

run score --json examples/broken-project.yaml
expect_rc "score --json on the broken example" 1
check_json "score --json on the broken example"

# text output of the same files: no "(null)" (checked by run) and a total line
run score examples/ebian-cppcc-2023.yaml
expect_rc "score (text) on the seed" 1
if [ -s "$tmp/out" ]; then pass "score (text) prints a breakdown"; else fail "score (text) prints a breakdown"; fi

run check examples/ebian-cppcc-2023.yaml examples/project-county-library-2023.yaml examples/broken-project.yaml
expect_rc "check on all examples" 1

# ---- reports: hostile names never become markup; bad report usage ----------------------------
hostile=tests/spec/reports/hostile.yaml
for fmt in html md; do
  run report "$hostile" --format "$fmt"
  expect_rc "report --format $fmt on hostile names" 0
  if grep -qiE '<(script|img|iframe|b|u)[ >]' "$tmp/out"; then
    fail "report --format $fmt: hostile text escaped" "$(grep -oiE '<(script|img|iframe|b|u)[ >][^<]{0,30}' "$tmp/out" | head -n 3)"
  else
    pass "report --format $fmt: hostile text escaped"
  fi
done
run report examples/ebian-cppcc-2023.yaml
expect_rc "report without --format" 2
run report examples/ebian-cppcc-2023.yaml --format odt
expect_rc "report --format odt" 2
run report examples/ebian-cppcc-2023.yaml --format pdf -o -
expect_rc "report pdf to stdout refused" 2
run report examples/ebian-cppcc-2023.yaml --format html -o /nonexistent-dir/x.html
expect_rc "report to an unwritable path" 3
expect_grep "report to an unwritable path: message" "$tmp/err" "无法写入"

# every command answers --help with its usage on stdout, exit 0; an unknown option is exit 2
for c in check score report import-report audit db template import gen serve user; do
  run "$c" --help
  expect_rc "$c --help" 0
  expect_grep "$c --help: usage on stdout" "$tmp/out" "jixiao $c"
done
for c in db template import gen serve; do
  run "$c" --no-such-option
  expect_rc "$c --no-such-option" 2
done

# ---- summary -----------------------------------------------------------------------------------
echo
if [ "$bugs" -gt 0 ]; then
  echo "$passed passed, $failed failed ($bugs known bugs, see BUG lines)"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
