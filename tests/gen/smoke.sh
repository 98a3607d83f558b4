#!/usr/bin/env bash
# smoke.sh — `jixiao gen` through the command line (CTest: gen-smoke).
#
#   tests/gen/smoke.sh JIXIAO_BINARY
#
# A small province over two years with deliberate faults: every file listed in
# faults.tsv fails `jixiao check` with its code, every other file has no error; the same
# options twice give identical bytes; departments.csv lists every department; bench/score.py
# (the Python baseline) prints the same indicator total, total and grade as
# `jixiao score --json` on the valid files; docs/gen.md shows the generator's tables as
# `jixiao gen --distributions` prints them; bad arguments exit 2.  No timings.
set -uo pipefail
jx=$1
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-gen-smoke.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# ---- generate twice, compare -------------------------------------------------------------
"$jx" gen --departments 30 --seed 11 --years 2022-2023 --faults 200 -o "$tmp/a" 2>"$tmp/a.err" || bad "gen exit $?: $(cat "$tmp/a.err")"
"$jx" gen --departments 30 --seed 11 --years 2022-2023 --faults 200 -o "$tmp/b" 2>/dev/null || bad "second gen failed"
diff -r "$tmp/a" "$tmp/b" >/dev/null || bad "same options, different bytes"
grep -q '有意设置错误的文件 [1-9]' "$tmp/a.err" || bad "no summary of the deliberate faults on stderr: $(cat "$tmp/a.err")"
n2022=$(ls "$tmp/a"/dept-*-2022.yaml | wc -l); n2023=$(ls "$tmp/a"/dept-*-2023.yaml | wc -l)
[ "$n2022" = 30 ] && [ "$n2023" = 30 ] || bad "expected 30 department files per year, got $n2022 and $n2023"
rows=$(grep -c ',\(authority\|unit\)$' "$tmp/a/departments.csv")
[ "$rows" = 30 ] || bad "departments.csv lists $rows departments, not 30"

# ---- check: faults fail with their codes, the rest is clean ------------------------------------
cd "$tmp/a" || exit 1
"$jx" check *.yaml >"$tmp/check.out" 2>&1
[ $? = 1 ] || bad "check should exit 1 (deliberate faults)"
tail -n +2 faults.tsv | while IFS=$'\t' read -r f code _; do
  grep -q "^$f:.*: error: $code " "$tmp/check.out" || echo "FAIL: $f should fail with $code" 
done >"$tmp/missing"
[ -s "$tmp/missing" ] && { cat "$tmp/missing"; fail=1; }
grep ': error: ' "$tmp/check.out" | cut -d: -f1 | sort -u >"$tmp/errfiles"
tail -n +2 faults.tsv | cut -f1 | sort -u >"$tmp/faultfiles"
diff "$tmp/errfiles" "$tmp/faultfiles" >/dev/null || bad "files with errors are not exactly those of faults.tsv: $(diff "$tmp/errfiles" "$tmp/faultfiles" | head -5)"

# ---- the Python baseline scores as jixiao does ---------------------------------------------------
if python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null; then
  valid=$(ls *.yaml | grep -v -x -F -f "$tmp/faultfiles" | head -n 25)
  # shellcheck disable=SC2086
  python3 "$root/bench/score.py" $valid >"$tmp/py.out" || bad "bench/score.py failed"
  for f in $valid; do
    "$jx" score --json "$f" 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
print("\t".join([sys.argv[1], d["indicator_total"], d["total"], d["grade"]]))' "$f"
  done >"$tmp/jx.out"
  diff "$tmp/jx.out" "$tmp/py.out" >"$tmp/py.diff" || { bad "bench/score.py differs from jixiao score:"; head -10 "$tmp/py.diff"; }
else
  echo "note: python3-yaml's C loader is missing: bench/score.py not compared"
fi

# ---- usage --------------------------------------------------------------------------------------
"$jx" gen --departments 0 -o "$tmp/x" 2>/dev/null; [ $? = 2 ] || bad "--departments 0 should exit 2"
"$jx" gen --departments 3 2>/dev/null; [ $? = 2 ] || bad "missing -o should exit 2"
"$jx" gen --departments 3 --years 2024-2023 -o "$tmp/x" 2>/dev/null; [ $? = 2 ] || bad "reversed --years should exit 2"
"$jx" gen --distributions >"$tmp/dist" || bad "--distributions failed"
python3 -c 'import sys; sys.exit(open(sys.argv[2]).read() not in open(sys.argv[1]).read())' "$root/docs/gen.md" "$tmp/dist" ||
  bad "docs/gen.md does not show the output of jixiao gen --distributions (the generator's tables changed: update the page)"

[ "$fail" = 0 ] && echo "gen smoke: ok ($(ls *.yaml | wc -l) files, $(($(wc -l <faults.tsv) - 1)) with deliberate faults)"
exit "$fail"
