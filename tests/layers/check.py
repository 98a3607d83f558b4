#!/usr/bin/env python3
"""check.py — the references between the folders of src/ point down the layers of
src/layers.txt (CTest: layers).

    tests/layers/check.py SOURCE_DIR BUILD_DIR

Two kinds of reference are checked, and every one going against the order is listed:
  * #include "FOLDER/…" in src/FOLDER2/*.c|h;
  * a symbol a compiled object of src/FOLDER2/ uses (nm: undefined) that an object of
    src/FOLDER/ defines, in the build's objects of the library and of the command line.
A folder of src/ that layers.txt does not name is an error too.  Exit 0 when clean.
"""
import os
import re
import subprocess
import sys


def load_layers(path):
    rank = {}
    for n, line in enumerate(open(path, encoding="utf-8")):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        for folder in line.split():
            rank[folder] = n
    return rank


def folder_of(path, src):
    rel = os.path.relpath(path, src)
    return rel.split(os.sep)[0] if os.sep in rel else None


def allowed(user, used, rank):
    return user == used or rank[used] < rank[user]


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    source, build = sys.argv[1], sys.argv[2]
    src = os.path.join(source, "src")
    rank = load_layers(os.path.join(src, "layers.txt"))
    problems = []
    folders = sorted(d for d in os.listdir(src) if os.path.isdir(os.path.join(src, d)) and d != "tools")
    for f in folders:
        if f not in rank:
            problems.append(f"src/{f}/ is not in src/layers.txt")
    inc = re.compile(r'^\s*#\s*include\s+"([a-z0-9_]+)/[^"]+"')
    for f in folders:
        if f not in rank:
            continue
        for name in sorted(os.listdir(os.path.join(src, f))):
            if not name.endswith((".c", ".h")):
                continue
            for n, line in enumerate(open(os.path.join(src, f, name), encoding="utf-8"), 1):
                m = inc.match(line)
                if m and m.group(1) in rank and not allowed(f, m.group(1), rank):
                    problems.append(f"src/{f}/{name}:{n}: includes {m.group(1)}/ ({f} may not use {m.group(1)})")

    # objects: the library's (jixiao_obj) and the command line's (jixiao)
    objs = []
    for target in ("jixiao_obj.dir", "jixiao.dir"):
        root = os.path.join(build, "CMakeFiles", target, "src")
        for dirpath, _, files in os.walk(root):
            for name in files:
                if not name.endswith(".c.o"):
                    continue
                o = os.path.join(dirpath, name)
                # an object whose source is gone (moved or deleted since that build) is stale
                rel = os.path.relpath(o, root)[: -len(".o")]
                if os.path.exists(os.path.join(src, rel)):
                    objs.append(o)
    if not objs:
        problems.append(f"no objects under {build}/CMakeFiles/jixiao_obj.dir/src: build first")
    defined, undefined = {}, {}
    for o in sorted(objs):
        rel = os.path.relpath(o, build).split(os.sep)
        f = rel[rel.index("src") + 1]
        out = subprocess.run(["nm", "-P", o], capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            parts = line.split()
            if len(parts) < 2:
                continue
            sym, kind = parts[0], parts[1]
            if kind == "U":
                undefined.setdefault(o, (f, set()))[1].add(sym)
            elif kind.upper() in "TDBRGSV" and kind != "U":
                defined.setdefault(sym, (f, o))
    for o, (f, syms) in sorted(undefined.items()):
        if f not in rank:
            continue
        for sym in sorted(syms):
            if sym not in defined:
                continue
            g, where = defined[sym]
            if g in rank and not allowed(f, g, rank):
                src_name = os.path.basename(o)[:-2]
                problems.append(f"src/{f}/{src_name} calls {sym} of src/{g}/{os.path.basename(where)[:-2]} ({f} may not use {g})")
    for p in problems:
        print("FAIL: " + p)
    if problems:
        print(f"layers: {len(problems)} references go against src/layers.txt")
        return 1
    print(f"layers: {len(objs)} objects and their sources follow src/layers.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
