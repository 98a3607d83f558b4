#!/usr/bin/env python3
"""openpyxl_read.py FILE.xlsx SHEET RUNS — the baseline of bench/xlsx.sh: python3-openpyxl
reading the same workbook as fast as it can (read_only=True, values_only=True: cell
values, no styles, no model), every row of SHEET visited.  Prints "WALL CPU ROWS": the
medians over RUNS of load + iteration in seconds, wall-clock and CPU time of the process,
in-process (the interpreter's start and the import of openpyxl are not counted)."""
import statistics
import sys
import time

import openpyxl

path, sheet, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
times, cpu, rows = [], [], 0
for _ in range(runs):
    t0 = time.perf_counter()
    c0 = time.process_time()
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = 0
    for row in wb[sheet].iter_rows(values_only=True):
        if any(v is not None for v in row):
            rows += 1
    wb.close()
    times.append(time.perf_counter() - t0)
    cpu.append(time.process_time() - c0)
print(f"{statistics.median(times):.6f} {statistics.median(cpu):.6f} {rows}")
