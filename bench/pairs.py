#!/usr/bin/env python3
"""pairs.py — time two commands interleaved (A, B, A, B, …): wall and CPU time per run.

    python3 bench/pairs.py RUNS WARMUP OUT.json A-ARGV... :: B-ARGV...

A shared machine's load changes from one second to the next; running A and B in turn and
taking the median of the per-round ratios keeps such changes out of the ratio.  CPU time
(user + system of the child, from wait4) is less sensitive to other processes than wall
time.  Output streams of the commands go to /dev/null; exit codes are not checked.
Writes {"a": {...}, "b": {...}, "ratio_wall": x, "ratio_cpu": y} with medians in seconds.
Python 3 stdlib only.
"""

import json
import os
import statistics
import subprocess
import sys
import time


def run(argv):
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = 0  # reaped by wait4
    return wall, ru.ru_utime + ru.ru_stime


def main():
    if len(sys.argv) < 6 or "::" not in sys.argv:
        print(__doc__, file=sys.stderr)
        return 2
    runs, warmup, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rest = sys.argv[4:]
    k = rest.index("::")
    a, b = rest[:k], rest[k + 1:]
    for _ in range(warmup):
        run(a)
        run(b)
    ra, rb = [], []
    for i in range(runs):
        # alternate which goes first, so neither always runs on a warmer cache
        if i % 2:
            rb.append(run(b))
            ra.append(run(a))
        else:
            ra.append(run(a))
            rb.append(run(b))

    def summary(rs):
        walls = [w for w, _ in rs]
        cpus = [c for _, c in rs]
        return {"wall_median": statistics.median(walls), "wall_min": min(walls), "wall_max": max(walls),
                "cpu_median": statistics.median(cpus), "cpu_min": min(cpus), "cpu_max": max(cpus), "runs": len(rs)}

    res = {"a": summary(ra), "b": summary(rb),
           "ratio_wall": statistics.median(x[0] / y[0] for x, y in zip(ra, rb)),
           "ratio_cpu": statistics.median([x[1] / y[1] for x, y in zip(ra, rb) if y[1] > 0] or [0.0])}
    with open(out, "w") as fh:
        json.dump(res, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
