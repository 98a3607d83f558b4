#!/usr/bin/env bash
# The real Shenzhen Songgang export (shenzhen-songgang-targets-2021-2022.xlsx, a copy of
# /work/shared/corpus's; see its README) imports completely: exit 0, one declaration file
# per project (118), and every indicator row of sheet 指标信息 (1,193) kept in order with
# its texts trimmed, compared project by project with openpyxl's own reading of the
# workbook.  Every file written reads back with `jixiao check` without an error.  The
# joined sheet `data` written as CSV (its rows in another order) gives the same files.
#
#   tests/decl-import/corpus.sh JIXIAO_BINARY
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/require.sh
. "$here/../lib/require.sh"
jixiao=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
py=""
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import openpyxl, yaml' 2>/dev/null; then py=$p; break; fi
done
[ -n "$py" ] || jx_missing python3-openpyxl "python3 with openpyxl and yaml"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-decl-corpus.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
cp "$here/shenzhen-songgang-targets-2021-2022.xlsx" "$tmp/export.xlsx"
# shellcheck disable=SC2086  # the wrapper is meant to split into words
(cd "$tmp" && ${JX_SPEC_WRAPPER:-} "$jixiao" import export.xlsx -o out) >"$tmp/out.log" 2>"$tmp/err.log"
rc=$?
failed=0
if [ "$rc" -ne 0 ]; then
  echo "FAIL import exited $rc"
  cat "$tmp/err.log"
  exit 1
fi
grep -q '两张表，118 个项目，1193 行指标' "$tmp/err.log" || { echo "FAIL summary:"; tail -n 1 "$tmp/err.log"; failed=1; }
if grep -q ': error: ' "$tmp/err.log"; then echo "FAIL errors reported:"; grep ': error: ' "$tmp/err.log"; failed=1; fi
for f in "$tmp"/out/*.yaml; do
  if ! (cd "$tmp/out" && "$jixiao" check "$(basename "$f")") >"$tmp/check.out" 2>&1 || grep -q ': error: ' "$tmp/check.out"; then
    echo "FAIL readback $(basename "$f")"
    cat "$tmp/check.out"
    failed=1
  fi
done
"$py" - "$tmp/export.xlsx" "$tmp/out" <<'PY' || failed=1
import os, sys
import openpyxl, yaml

wb = openpyxl.load_workbook(sys.argv[1])
out = sys.argv[2]
def t(v):
    return "" if v is None else str(v).strip(" \t\r\n")
projects = [r for r in wb["项目信息"].iter_rows(min_row=2, values_only=True)]
rows = {}
for r in wb["指标信息"].iter_rows(min_row=2, values_only=True):
    rows.setdefault(r[0], []).append(r)
files = sorted(os.listdir(out))
bad = 0
if len(files) != len(projects):
    print("FAIL %d files for %d projects" % (len(files), len(projects))); bad += 1
total = 0
for p in projects:
    path = os.path.join(out, p[0] + ".yaml")
    if not os.path.exists(path):
        print("FAIL no file for", p[0]); bad += 1; continue
    d = yaml.safe_load(open(path, encoding="utf-8"))
    for key, col in (("code", 0), ("name", 1), ("unit", 2), ("department", 3), ("policy_basis", 6), ("calc_basis", 7), ("annual_goal", 8)):
        if t(d.get(key)) != t(p[col]):
            print("FAIL %s %s: %r != %r" % (p[0], key, d.get(key), p[col])); bad += 1
    if str(d["amounts"]["total"]) != str(p[4]) or str(d["amounts"]["this_year"]) != str(p[5]):
        print("FAIL %s amounts %r != %r %r" % (p[0], d["amounts"], p[4], p[5])); bad += 1
    want = rows.get(p[0], [])
    got = d.get("indicators") or []
    if len(got) != len(want):
        print("FAIL %s: %d indicator rows, the sheet has %d" % (p[0], len(got), len(want))); bad += 1; continue
    for k, (g, w) in enumerate(zip(got, want)):
        for key, col in (("level1", 1), ("level2", 2), ("name", 3), ("value", 4), ("explanation", 5)):
            if t(g.get(key)) != t(w[col]):
                print("FAIL %s row %d %s: %r != %r" % (p[0], k + 1, key, g.get(key), w[col])); bad += 1
    total += len(got)
print("%d projects, %d indicator rows compared with openpyxl: %s" % (len(projects), total, "ok" if not bad else "%d differences" % bad))
sys.exit(1 if bad or total != 1193 else 0)
PY
# the same export as CSV, from its joined sheet `data` (rows in another order): the same files
"$py" -c 'import csv, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    for r in wb["data"].iter_rows(values_only=True):
        w.writerow(["" if v is None else v for v in r])' "$tmp/export.xlsx" "$tmp/export.csv"
# shellcheck disable=SC2086
(cd "$tmp" && ${JX_SPEC_WRAPPER:-} "$jixiao" import export.csv -o csv-out) >/dev/null 2>"$tmp/csv.log"
if ! grep -q 'CSV，118 个项目，1193 行指标' "$tmp/csv.log" || ! diff -r "$tmp/out" "$tmp/csv-out" >"$tmp/csv.diff"; then
  echo "FAIL the CSV of the joined sheet does not give the same files:"
  tail -n 1 "$tmp/csv.log"
  head -n 20 "$tmp/csv.diff"
  failed=1
fi
[ "$failed" -eq 0 ] && echo "ok   corpus: exit 0, 118 files, 1193 rows kept; the joined sheet as CSV gives the same files"
exit "$failed"
