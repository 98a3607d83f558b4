#!/usr/bin/env python3
"""score.py — the Python baseline of the benchmark: what a technical user would write
to score department-year files with python3-yaml's C loader (yaml.CSafeLoader).

    python3 bench/score.py FILE.yaml...      one line per file:
    FILE<TAB>indicator_total<TAB>total<TAB>grade

It applies the same rules as `jixiao score` for the two frameworks that `jixiao gen`
writes (docs/score.md):

- sichuan-ebian-department-2023 (kind: department): indicators scored by the FASP
  formulas with the banded ≤ rule; qualitative indicators keep their typed score;
  the total is the sum of the assessed blocks (each clamped to [0, max]);
- cn-mof-2020-10-project (kind: project): execution score = min(executed, adjusted)
  / adjusted × 10, plus the indicators;
- actuals written as references (= work.items[3].counts.x + …) are resolved;
- every figure is exact (fractions), rounded half away from zero to hundredths where
  jixiao rounds; grades 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差.

The output is the same as `jixiao score --json`'s indicator_total, total and grade;
tests/gen/smoke.sh compares the two on generated files.  It does not check anything
(no diagnostics): it is the scoring half of `jixiao check`, the fair comparison for
speed.  Files that cannot be read or scored print "FILE<TAB>error<TAB>reason".
"""

import re
import sys
from fractions import Fraction

import yaml

LOADER = yaml.CSafeLoader

FRAMEWORKS = {
    "sichuan-ebian-department-2023": {"kind": "department", "execution": None,
                                      "blocks": {"目标管理": 40, "动态调整": 20, "完成结果": 10,
                                                 "内部应用": 10, "信息公开": 10, "整改反馈": 10}},
    "cn-mof-2020-10-project": {"kind": "project", "execution": 10, "blocks": None},
}

NUM_RE = re.compile(r"^\s*([+-]?)(\d[\d,]*)(?:\.(\d+))?\s*(%|万元|元)?\s*$")
FULLWIDTH = str.maketrans("０１２３４５６７８９．，％－＋", "0123456789.,%-+")


def num(v):
    """Exact number of a scalar ('1,072.52', '95%', 12) or None."""
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, int):
        return Fraction(v)
    if isinstance(v, float):
        return Fraction(repr(v))
    m = NUM_RE.match(str(v).translate(FULLWIDTH))
    if not m:
        return None
    sign, whole, frac, _unit = m.groups()
    x = Fraction(int(whole.replace(",", "") + (frac or "")), 10 ** len(frac or ""))
    return -x if sign == "-" else x


def r2(x):
    """Round half away from zero to hundredths."""
    q = (abs(x) * 100 + Fraction(1, 2)).__floor__()
    return Fraction(q if x >= 0 else -q, 100)


def fmt(x):
    """As jixiao prints numbers: up to 2 decimals, trailing zeros trimmed."""
    x = r2(x)
    c = int(x * 100)
    s = f"{abs(c) // 100}.{abs(c) % 100:02d}".rstrip("0").rstrip(".")
    return ("-" if c < 0 else "") + s


PATH_RE = re.compile(r"([A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff]*)|\[(\d+)\]")


def lookup(doc, path):
    node = doc
    for name, idx in PATH_RE.findall(path):
        if name:
            if not isinstance(node, dict) or name not in node:
                return None
            node = node[name]
        else:
            if not isinstance(node, list) or int(idx) >= len(node):
                return None
            node = node[int(idx)]
    if isinstance(node, dict):  # a count with parts, a staff group
        node = node.get("total")
    return num(node)


def resolve(doc, text):
    """'= a.b + c[1].d - 3' → exact number, or None."""
    total = Fraction(0)
    for sign, term in re.findall(r"([+-]?)\s*([^+\-\s][^+\-]*)", text.lstrip("=").strip()):
        term = term.strip()
        v = num(term)
        if v is None:
            v = lookup(doc, term)
        if v is None:
            return None
        total += -v if sign == "-" else v
    return total


def score_indicator(doc, ind):
    w = num(ind.get("weight")) or Fraction(0)
    nature = str(ind.get("nature", "")).strip()
    if nature == "定性":
        s = num(ind.get("score"))
        return s if s is not None else Fraction(0)
    t = num(ind.get("target"))
    actual = ind.get("actual")
    a = resolve(doc, actual) if isinstance(actual, str) and actual.strip().startswith("=") else num(actual)
    if t is None or a is None:
        return Fraction(0)
    if a < 0:
        a = Fraction(0)
    if nature in ("≤", "<", "<="):
        if a <= t:
            return w
        if t <= 0 or a >= 2 * t:
            return Fraction(0)
        return r2((1 - (a - t) / t) * w)
    if t == 0:
        return w if a <= 0 else Fraction(0)
    if a >= t:
        return w
    return r2(a / t * w)


def grade(total):
    return "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"


def score_file(path):
    with open(path, "rb") as fh:
        doc = yaml.load(fh, Loader=LOADER)
    fw = FRAMEWORKS.get(doc.get("framework"))
    if fw is None:
        raise ValueError(f"framework {doc.get('framework')!r} not known to this script")
    if fw["kind"] == "project":
        p = doc["project"]
        inds = p.get("indicators") or []
        ind_total = sum((score_indicator(doc, i) for i in inds), Fraction(0))
        adj, exe = num(p.get("adjusted")), num(p.get("executed"))
        execution = r2(min(exe, adj) / adj * fw["execution"]) if adj else Fraction(0)
        total = execution + ind_total
    else:
        inds = doc.get("indicators") or []
        ind_total = sum((score_indicator(doc, i) for i in inds), Fraction(0))
        total = Fraction(0)
        for b in (doc.get("assessment") or {}).get("blocks") or []:
            mx = fw["blocks"].get(b.get("name"))
            s = num(b.get("score"))
            if mx is not None and s is not None:
                total += min(max(s, Fraction(0)), Fraction(mx))
    return ind_total, total, grade(total)


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if argv else 2
    out = []
    rc = 0
    for path in argv:
        try:
            ind_total, total, g = score_file(path)
            out.append(f"{path}\t{fmt(ind_total)}\t{fmt(total)}\t{g}")
        except Exception as e:  # a file that cannot be read or scored: say so, go on
            out.append(f"{path}\terror\t{type(e).__name__}: {e}".replace("\n", " "))
            rc = 1
    sys.stdout.write("\n".join(out) + "\n")
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
