#!/usr/bin/python3
"""Held-out recovery scorer for `jixiao import-report`.

    /usr/bin/python3 tests/import/held/score.py JIXIAO_BINARY tests/import/held [--gate PCT] [NAME ...]

For each NAME.txt with a NAME.truth.yaml (one YAML document per form; a file with two
project tables has two documents) it runs `jixiao import-report NAME.txt -o DIR` in a
fresh directory (one file per form), compares the key figures of the truth with what was
imported, and prints matched/total and every missing or wrong figure.  It then runs
`jixiao audit NAME.txt` and flags an audit whose conclusion says 均成立 while fewer than
60% of the truth figures were imported (the audit claiming more than it read).

Only the keys the truth holds are compared.  Numbers are compared as decimals after
removing thousands commas, %, and units glued to them; texts are trimmed.  Indicators are
matched by name (then by position if no name matches, the name itself counting as wrong).
Exit status: 0 unless usage is wrong; with --gate PCT (tests/import/held.sh), 1 when fewer
than PCT% of all the key figures were recovered or an audit over-claimed.
"""
import os
import re
import subprocess
import sys
import tempfile
from decimal import Decimal, InvalidOperation

import yaml

IND_FIELDS = ["name", "nature", "target", "unit", "weight", "actual", "score"]
THRESHOLD = 0.60


def num(v):
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return Decimal(str(v))
    if not isinstance(v, str):
        return None
    s = v.strip().replace(",", "").replace("，", "")
    s = re.sub(r"(%|％|万元|元)$", "", s).strip()
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def norm_text(v):
    s = str(v).strip()
    s = s.replace("（", "(").replace("）", ")").replace("＝", "=").replace("：", ":")
    s = s.replace("≧", "≥").replace("≦", "≤").replace(">=", "≥").replace("<=", "≤")
    return re.sub(r"\s+", "", s)


def same(t, g):
    if g is None:
        return False
    a, b = num(t), num(g)
    if a is not None and b is not None:
        return a == b
    if isinstance(t, bool) or isinstance(g, bool) or str(g).strip() in ("true", "false"):
        return str(t).strip().lower() == str(g).strip().lower()
    return norm_text(t) == norm_text(g)


def get(d, path):
    cur = d
    for k in path.split("."):
        if not isinstance(cur, dict) or k not in cur:
            return None
        cur = cur[k]
    return cur


def flatten_scalars(d, prefix=""):
    """Key figures outside the indicator lists: every scalar the truth holds."""
    out = []
    if not isinstance(d, dict):
        return out
    for k, v in d.items():
        p = f"{prefix}{k}"
        if k in ("indicators", "schema", "framework", "money_unit", "kind"):
            continue
        if isinstance(v, dict):
            out += flatten_scalars(v, p + ".")
        elif isinstance(v, list):
            continue  # only indicator lists are key figures
        else:
            out.append(p)
    return out


def compare_indicators(tl, gl, where, res):
    gl = [g for g in (gl or []) if isinstance(g, dict)]
    used = set()
    for i, t in enumerate(tl or []):
        tname = t.get("name")
        gi = None
        for j, g in enumerate(gl):
            if j not in used and tname is not None and same(tname, g.get("name")):
                gi = j
                break
        if gi is None and i < len(gl) and i not in used:
            gi = i  # positional fallback
        g = gl[gi] if gi is not None else None
        if gi is not None:
            used.add(gi)
        for f in IND_FIELDS:
            if f not in t:
                continue
            key = f"{where}[{tname}].{f}"
            if g is None or g.get(f) is None:
                res.append((key, t[f], None, "missing"))
            elif same(t[f], g.get(f)):
                res.append((key, t[f], g.get(f), "ok"))
            else:
                res.append((key, t[f], g.get(f), "wrong"))


def compare_doc(truth, got):
    res = []
    for p in flatten_scalars(truth):
        t = get(truth, p)
        g = get(got, p) if got else None
        if g is None:
            res.append((p, t, None, "missing"))
        elif same(t, g):
            res.append((p, t, g, "ok"))
        else:
            res.append((p, t, g, "wrong"))
    if "indicators" in truth:
        compare_indicators(truth["indicators"], (got or {}).get("indicators"), "indicators", res)
    if isinstance(truth.get("project"), dict) and "indicators" in truth["project"]:
        compare_indicators(truth["project"]["indicators"], get(got, "project.indicators") if got else None,
                           "project.indicators", res)
    # kind is a key figure too: a project form read as a department file loses everything
    if "kind" in truth:
        g = (got or {}).get("kind")
        res.append(("kind", truth["kind"], g, "ok" if g is not None and same(truth["kind"], g) else ("missing" if g is None else "wrong")))
    return res


def pair_docs(truths, gots):
    """Match each truth document with the imported one sharing its project/department name."""
    pairs, free = [], list(range(len(gots)))
    for t in truths:
        best, best_ok = None, -1
        for j in free:
            ok = sum(1 for r in compare_doc(t, gots[j]) if r[3] == "ok")
            if ok > best_ok:
                best, best_ok = j, ok
        if best is not None:
            free.remove(best)
            pairs.append((t, gots[best]))
        else:
            pairs.append((t, None))
    return pairs


def short(v, n=40):
    s = "—" if v is None else str(v).replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    jixiao = os.path.abspath(sys.argv[1])
    held = sys.argv[2]
    rest = sys.argv[3:]
    gate = None
    if len(rest) >= 2 and rest[0] == "--gate":
        gate = float(rest[1])
        rest = rest[2:]
    only = set(rest)
    names = sorted(f[:-4] for f in os.listdir(held) if f.endswith(".txt")
                   and os.path.exists(os.path.join(held, f[:-4] + ".truth.yaml")))
    if only:
        names = [n for n in names if n in only]
    tot_ok = tot_all = 0
    flagged = []
    rows = []
    for name in names:
        txt = os.path.join(held, name + ".txt")
        with open(os.path.join(held, name + ".truth.yaml"), encoding="utf-8") as fh:
            truths = [d for d in yaml.safe_load_all(fh) if d]
        with tempfile.TemporaryDirectory() as d:
            p = subprocess.run([jixiao, "import-report", os.path.abspath(txt), "-o", d],
                               capture_output=True, text=True, cwd=held)
            gots = []
            for f in sorted(os.listdir(d)):
                if f.endswith(".yaml"):
                    try:
                        with open(os.path.join(d, f), encoding="utf-8") as fh:
                            gots.append(yaml.safe_load(fh) or {})
                    except yaml.YAMLError as e:
                        print(f"  (unreadable YAML {f}: {e})")
        res = []
        for t, g in pair_docs(truths, gots):
            res += compare_doc(t, g)
        ok = sum(1 for r in res if r[3] == "ok")
        tot_ok += ok
        tot_all += len(res)
        share = ok / len(res) if res else 1.0
        a = subprocess.run([jixiao, "audit", os.path.abspath(txt)], capture_output=True, text=True, cwd=held)
        concl = [l for l in a.stdout.splitlines() if l.startswith("结论")]
        concl = concl[-1] if concl else "(no conclusion line; exit %d)" % a.returncode
        overclaim = "均成立" in concl and share < THRESHOLD
        if overclaim:
            flagged.append(name)
        rows.append((name, ok, len(res)))
        print(f"== {name}: {ok}/{len(res)} ({100 * share:.1f}%)  import exit {p.returncode}, "
              f"{len(gots)} form(s) written{'  ** AUDIT OVERCLAIMS **' if overclaim else ''}")
        print(f"   audit: {concl}")
        for key, t, g, st in res:
            if st != "ok":
                print(f"   {st:7} {key}: truth {short(t)} | got {short(g)}")
    print()
    print("file                                        matched")
    for n, ok, all_ in rows:
        print(f"  {n:42} {ok:3}/{all_:<3} {100 * ok / all_ if all_ else 100:5.1f}%")
    pct = 100 * tot_ok / tot_all if tot_all else 100.0
    print(f"OVERALL {tot_ok}/{tot_all} = {pct:.1f}%")
    print(f"files under {int(THRESHOLD * 100)}%: {sum(1 for _, o, a_ in rows if a_ and o / a_ < THRESHOLD)} of {len(rows)}")
    if flagged:
        print("AUDIT CLAIMS MORE THAN IT READ (均成立 with < 60% imported): " + ", ".join(flagged))
    else:
        print("audit over-claims: none")
    if gate is not None and (pct < gate or flagged):
        print(f"FAIL: {pct:.1f}% of the key figures (at least {gate:g}% wanted){'; audits over-claimed' if flagged else ''}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
