#!/usr/bin/env bash
# monitoring.sh — `jixiao gen --monitoring`: checkpoint reports with realistic lags (CTest: gen-monitoring).
#
#   tests/gen/monitoring.sh JIXIAO_BINARY
#
# A small province over two years, checkpoints of the second: every monitoring/*.yaml passes
# `jixiao check` without an error; the same options twice give the same bytes, and the
# department files are those of the same options without --monitoring; the bulk CSVs
# (monitoring/checkpoint-MM-DD.csv) have the documented header and a row per department and
# source, agree with the YAML files, with departments.csv (codes, names) and with the
# department-years' budgets (basic + adjusted projects; 其他资金 = budget.other); execution
# never decreases, never exceeds the budget, the forecast is never below it; lags fall in
# all three classes and every department over 15 points behind gives 偏差原因 and 纠偏措施;
# a monitoring year outside --years exits 2.  No timings.
set -uo pipefail
jx=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-gen-mon.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

opts=(--departments 60 --seed 7 --years 2022-2023 --faults 100)
"$jx" gen "${opts[@]}" --monitoring 2023 -o "$tmp/a" 2>"$tmp/a.err" || bad "gen exit $?: $(cat "$tmp/a.err")"
"$jx" gen "${opts[@]}" --monitoring -o "$tmp/b" 2>/dev/null || bad "second gen failed" # default: the last year
"$jx" gen "${opts[@]}" -o "$tmp/c" 2>/dev/null || bad "gen without --monitoring failed"
diff -r "$tmp/a" "$tmp/b" >/dev/null || bad "same options, different bytes"
diff -r -x monitoring "$tmp/a" "$tmp/c" >/dev/null || bad "--monitoring changed the other files"
grep -q '监控报告 180 个' "$tmp/a.err" || bad "no summary of the checkpoint reports: $(cat "$tmp/a.err")"
n=$(ls "$tmp/a/monitoring"/dept-*-2023-*.yaml | wc -l)
[ "$n" = 180 ] || bad "expected 60 × 3 checkpoint reports, got $n"

# ---- every report checks without an error ------------------------------------------------------------
(cd "$tmp/a" && "$jx" check monitoring/*.yaml) >"$tmp/check.out" 2>&1
rc=$?
[ "$rc" = 0 ] || { bad "jixiao check monitoring/*.yaml exit $rc"; grep ': error: ' "$tmp/check.out" | head -5; }

# ---- the bulk CSVs against everything else -------------------------------------------------------------
python3 - "$tmp/a" 2023 >"$tmp/py.out" 2>&1 <<'EOF' || { bad "the checkpoint data:"; cat "$tmp/py.out"; }
import csv, glob, os, re, sys
from datetime import date
d, year = sys.argv[1], int(sys.argv[2])
days = ["06-30", "09-30", "11-30"]
header = ["单位编码", "单位名称", "资金来源", "全年预算数", "累计执行数", "全年预计执行数", "偏差原因", "纠偏措施"]
errors = []
def err(m):
    errors.append(m)
def fen(s):  # 万元 with 2 decimals → 分
    assert re.fullmatch(r"\d+\.\d\d", s), s
    return int(s.replace(".", "")) * 10000
depts = {}
with open(os.path.join(d, "departments.csv"), encoding="utf-8") as f:
    for r in csv.DictReader(f):
        if r["level"] in ("authority", "unit"):
            depts[r["code"]] = r["name"]
rows = {}  # (code, source) -> [(budget, executed, forecast, cause, fix)] per checkpoint
for k, day in enumerate(days):
    with open(os.path.join(d, "monitoring", f"checkpoint-{day}.csv"), encoding="utf-8", newline="") as f:
        rd = csv.reader(f)
        if next(rd) != header:
            err(f"checkpoint-{day}.csv: header")
        for r in rd:
            code, name, src = r[0], r[1], r[2]
            if depts.get(code) != name:
                err(f"{day} {code}: name {name!r} is not departments.csv's {depts.get(code)!r}")
            rows.setdefault((code, src), []).append((fen(r[3]), fen(r[4]), fen(r[5]), r[6], r[7]))
codes = {c for c, _ in rows}
if codes != set(depts):
    err(f"the CSVs list {len(codes)} departments, departments.csv {len(depts)}")
for key, v in rows.items():
    if len(v) != 3:
        err(f"{key}: {len(v)} checkpoints")
        continue
    if len({b for b, *_ in v}) != 1:
        err(f"{key}: the budget changes between checkpoints")
    for k, (b, e, fc, *_ ) in enumerate(v):
        if e > b: err(f"{key} {days[k]}: executed {e} above budget {b}")
        if fc < e: err(f"{key} {days[k]}: forecast {fc} below executed {e}")
        if k and e < v[k - 1][1]: err(f"{key} {days[k]}: executed decreased")
# the department-years' budgets (python3-yaml when present)
try:
    import yaml
    for i, path in enumerate(sorted(glob.glob(os.path.join(d, f"dept-*-{year}.yaml")))):
        if i >= 25: break
        try:
            y = yaml.safe_load(open(path, encoding="utf-8"))
        except yaml.YAMLError:
            continue  # a deliberate fault (a tab)
        code = str(y.get("department_code") or y.get("code") or "")
        money = lambda s: round(float(str(s).replace(",", "")) * 1e6)
        b = y["budget"]
        added = sum(money(p["adjusted"]) - money(p["initial"]) for p in (y.get("finance", {}).get("projects") or []))
        want_total, want_other = money(b["total"]) + added, money(b.get("other", 0))
        num = int(os.path.basename(path).split("-")[1])
        code = list(depts)[num - 1]
        got_total = sum(v[0][0] for (c, s), v in rows.items() if c == code)
        got_other = sum(v[0][0] for (c, s), v in rows.items() if c == code and s == "其他资金")
        if (got_total, got_other) != (want_total, want_other):
            err(f"{path}: budget {got_total}/{got_other} 分, the department-year says {want_total}/{want_other}")
except ImportError:
    print("note: python3-yaml missing: budgets not compared with the department-years")
# lags by class, and the notes where the rules require them
start = date(year, 1, 1).toordinal()
total_days = 366 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 365
classes = [0, 0, 0]
for code in codes:
    for k, day in enumerate(days):
        m, dd = map(int, day.split("-"))
        sched = round((date(year, m, dd).toordinal() - start + 1) * 10000 / total_days) / 100
        b = sum(v[k][0] for (c, s), v in rows.items() if c == code)
        e = sum(v[k][1] for (c, s), v in rows.items() if c == code)
        behind = sched - round(e * 10000 / b) / 100
        classes[0 if behind < 5 else 1 if behind < 15 else 2] += 1
        notes = [v[k][3:] for (c, s), v in rows.items() if c == code]
        if behind >= 15 and not all(cause and fix for cause, fix in notes):
            err(f"{code} {day}: {behind:.2f} points behind without 偏差原因 and 纠偏措施")
if not all(classes):
    err(f"lags by class (near, 5–15, over 15): {classes}: every class should occur")
n_yaml = len(glob.glob(os.path.join(d, "monitoring", "dept-*.yaml")))
if n_yaml != len(codes) * 3:
    err(f"{n_yaml} YAML reports for {len(codes)} departments")
print("\n".join(errors) if errors else f"ok: lags {classes}")
sys.exit(1 if errors else 0)
EOF
grep -q '^ok' "$tmp/py.out" && echo "gen monitoring: $(cat "$tmp/py.out")"

# ---- a YAML report and its CSV rows say the same -------------------------------------------------------
f=$(ls "$tmp/a/monitoring"/dept-*-2023-09-30.yaml | head -n 1)
code=$(sed -n 's/^  code: "\{0,1\}\([0-9]*\)"\{0,1\}$/\1/p' "$f")
budget=$(sed -n 's/^    budget: //p' "$f" | head -n 1)
grep -q "^$code,.*,财政拨款," "$tmp/a/monitoring/checkpoint-09-30.csv" || bad "$f: unit $code not in checkpoint-09-30.csv"
[ -n "$budget" ] || bad "$f: no budget"

# ---- usage ------------------------------------------------------------------------------------------------
"$jx" gen --departments 3 --years 2023 --monitoring 2021 -o "$tmp/x" 2>/dev/null
[ $? = 2 ] || bad "--monitoring outside --years should exit 2"

exit "$fail"
