#!/usr/bin/env python3
"""profile.py — turn two callgrind profiles (jixiao check, raw_parse; same files) into Markdown.

    python3 bench/profile.py JIXIAO.callgrind RAW.callgrind NFILES [TIME_RATIO] > section.md

Runs callgrind_annotate on both, then writes: instruction totals and their ratio,
where jixiao's extra instructions go (disjoint phases under jx_session_evaluate), the
top-10 functions by own cost, and a short account of why, with what would fix it,
for every phase that costs more than 5% of the extra.  Python 3 stdlib only.
"""

import re
import subprocess
import sys

LINE = re.compile(r"^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(\S*?):(.+?)(?:\s+\[(\S+)\])?\s*$")


def annotate(path, inclusive):
    out = subprocess.run(["callgrind_annotate", f"--inclusive={'yes' if inclusive else 'no'}", "--threshold=100", path],
                         check=True, capture_output=True, text=True).stdout
    total = 0
    rows = []
    for ln in out.splitlines():
        if "PROGRAM TOTALS" in ln:
            total = int(ln.split()[0].replace(",", ""))
            continue
        m = LINE.match(ln)
        if m:
            rows.append((int(m.group(1).replace(",", "")), m.group(2), m.group(3), m.group(4) or ""))
    return total, rows


def by_name(rows):
    d = {}
    for ir, _file, fn, _obj in rows:
        d.setdefault(fn, ir)  # first (largest) entry of a name
    return d


def obj_name(obj):
    base = obj.rsplit("/", 1)[-1]
    if base.startswith("libyaml"):
        return "libyaml"
    if base.startswith("libc"):
        return "libc"
    if base.startswith("libutf8proc"):
        return "utf8proc"
    if base.startswith("ld-linux"):
        return "ld.so"
    return base


def fmt(ir):
    return f"{ir / 1e6:,.1f} M"


def pct(a, b):
    return f"{100.0 * a / b:.1f}%" if b else "—"


# Phase → (label, why, fix).  Keys are functions whose inclusive cost is the phase.
EXPLAIN = {
    "framework": (
        "framework loading",
        "a `jx_session` loads each framework once (by id) and keeps it for the whole batch, so "
        "what is left here is the first load of `sichuan-ebian-department-2023.yaml` and of "
        "`cn-mof-2020-10-project.yaml`.",
        "nothing to win: it no longer grows with the number of files."),
    "evaluate": (
        "scoring formats derivations that `check` never prints",
        "`jx_evaluate` builds the derivation text of every indicator, metric and block "
        "(`jx_arena_printf` → `vsnprintf`; numbers go through a printf-free `jx_format_num`), "
        "because `jx_result` carries derivations as strings.",
        "keep the operands in `jx_indicator_score` / `jx_metric_value` and render derivations only "
        "in `jx_result_write_text/json` (or on first use)."),
    "tree": (
        "a node tree is built before binding",
        "`jx_yaml_parse` turns every event into a node: one arena allocation per node, every scalar "
        "copied (`jx_arena_strndup`), children appended through `attach` with growing arrays, and a "
        "scan over the keys already seen for duplicate keys; the binder then walks the tree again. "
        "The tree also costs cache misses that callgrind does not count, which is why the time ratio "
        "is above the instruction ratio.",
        "bind straight from the event stream against the schema (events carry the positions the "
        "diagnostics need), keeping a tree only for files that use references."),
    "bind": (
        "schema binding",
        "`jx_bind_map` finds each key by a scan over the schema's fields (first byte, then `strcmp`) "
        "and checks required fields with a linear `jx_map_get`; list labels and NFKC folding already "
        "happen only when needed.",
        "precomputed perfect-hash tables per schema would remove most of the scan."),
    "rest": (
        "output, sorting and freeing",
        "printing diagnostics, sorting them and freeing arenas.",
        "nothing big to win here."),
}


def main():
    if len(sys.argv) not in (4, 5):
        print(__doc__, file=sys.stderr)
        return 2
    jpath, rpath, nfiles = sys.argv[1], sys.argv[2], int(sys.argv[3])
    time_ratio = float(sys.argv[4]) if len(sys.argv) == 5 else None
    jtotal, jinc_rows = annotate(jpath, True)
    _, jself_rows = annotate(jpath, False)
    rtotal, _ = annotate(rpath, True)
    inc = by_name(jinc_rows)

    def g(name):
        return inc.get(name, 0)

    extra = jtotal - rtotal
    framework = g("jx_framework_find")
    evaluate = g("jx_evaluate")
    doc_load = g("jx_doc_load")
    tree = max(0, g("jx_yaml_parse") - g("yaml_parser_parse") - g("yaml_event_delete") - g("yaml_parser_delete")
               - g("yaml_parser_initialize"))
    bind = g("jx_bind_map")
    rest = max(0, g("main") - g("jx_session_evaluate"))
    printf_all = g("jx_arena_printf") + g("jx_format_num") + g("jx_format_money_wan")
    libyaml_j = g("yaml_parser_parse") + g("yaml_event_delete")

    out = []
    w = out.append
    w(f"Profile: `valgrind --tool=callgrind` on the first {nfiles} generated files, "
      "`jixiao check` and `raw_parse` on the same files; instructions (Ir), inclusive.\n")
    w("| | instructions | per file | vs raw_parse |")
    w("| --- | ---: | ---: | ---: |")
    w(f"| raw_parse (libyaml events only) | {fmt(rtotal)} | {fmt(rtotal / nfiles)} | 1.00× |")
    w(f"| jixiao check | {fmt(jtotal)} | {fmt(jtotal / nfiles)} | {jtotal / rtotal:.2f}× |")
    w(f"| **extra** | {fmt(extra)} | {fmt(extra / nfiles)} | |")
    w("")
    w("Where jixiao's instructions go (inclusive; the first four rows are disjoint and add up to "
      "the whole run; the indented rows are parts of them or cut across them):\n")
    w("| phase | functions | instructions | of jixiao | of the extra |")
    w("| --- | --- | ---: | ---: | ---: |")
    rows = [
        ("read + parse + bind the department-year", "`jx_doc_load`", doc_load),
        ("  libyaml events (doc and framework)", "`yaml_parser_parse`, `yaml_event_delete`", libyaml_j),
        ("  events → node tree", "`jx_yaml_parse` less libyaml", tree),
        ("  schema binding (doc and framework)", "`jx_bind_map`", bind),
        ("framework loading (once per session)", "`jx_framework_find`", framework),
        ("scoring and checks", "`jx_evaluate`", evaluate),
        ("  text formatting (whole run)", "`jx_arena_printf`, `jx_format_num`, `jx_format_money_wan`", printf_all),
        ("output, sorting, freeing, startup", "`main` less `jx_session_evaluate`", rest),
    ]
    for label, fns, ir in rows:
        ex = "" if label.startswith("  libyaml") or label.startswith("read") else pct(ir, extra)
        w(f"| {label.replace('  ', '&nbsp;&nbsp;')} | {fns} | {fmt(ir)} | {pct(ir, jtotal)} | {ex} |")
    w("")
    w("Top 10 functions by own cost (self Ir) in `jixiao check`:\n")
    w("| # | function | object | self Ir | of total |")
    w("| ---: | --- | --- | ---: | ---: |")
    for i, (ir, _file, fn, obj) in enumerate(jself_rows[:10], 1):
        name = fn if not fn.startswith("0x") else f"{fn} (static, symbols stripped)"
        w(f"| {i} | `{name}` | {obj_name(obj)} | {fmt(ir)} | {pct(ir, jtotal)} |")
    w("")

    # why, largest first, for phases above 5% of the extra
    phases = [("framework", framework), ("evaluate", evaluate), ("tree", tree), ("bind", bind), ("rest", rest)]
    phases.sort(key=lambda p: -p[1])
    w("### Why, and what would fix it\n")
    ir_ratio = jtotal / rtotal
    timing = ""
    if time_ratio is not None and time_ratio > ir_ratio * 1.05:
        timing = (f"  The measured time ratio ({time_ratio:.2f}×) is higher than the instruction ratio: jixiao's extra "
                  "work is allocation-heavy (a node per event, every string copied into an arena) and runs at "
                  "fewer instructions per cycle than libyaml's scanner, and jixiao also spends more time in the "
                  "kernel (see the page faults below, which callgrind does not count).")
    w(f"jixiao executes {ir_ratio:.2f}× the instructions of the bare libyaml event loop on the same bytes "
      f"({fmt(extra / nfiles)} extra per file).{timing}  The rows *binding* and *node tree* include the "
      "framework's own share, so the percentages below overlap a little.  The extra, largest first:\n")
    for key, ir in phases:
        if extra <= 0 or ir < 0.05 * extra:
            continue
        label, why, fix = EXPLAIN[key]
        w(f"- **{label}** — {fmt(ir / nfiles)} per file, {pct(ir, extra)} of the extra.  {why}  "
          f"*Fix:* {fix}")
    w("")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
