#!/usr/bin/env python3
"""bigsheet.py N OUT.yaml — a department-year with N indicators (for bench/xlsx.sh): the
four natures, percentages, qualitative grades, weights, actuals, scores and notes, in
the proportions of bench/gen.py's files.  Deterministic."""
import sys

n, out = int(sys.argv[1]), sys.argv[2]
lines = ["schema: jixiao/1", "kind: department", "framework: sichuan-ebian-department-2023", "year: 2023",
         "department:", "  name: 基准测试局", "budget: {total: 12345.67, fiscal: 12000, other: 345.67}",
         "finance: {adjusted: 13000.5, expenditure: {total: 12500.25}}", "indicators:"]
level = [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标")]
for i in range(n):
    l1, l2 = level[i % 4]
    k = i % 5
    if k == 0:
        rest = f'nature: "≥", target: {100 + i % 50}, unit: 次, actual: {95 + i % 60}'
    elif k == 1:
        rest = 'nature: "≥", target: 95%, actual: 96.5%'
    elif k == 2:
        rest = 'nature: "≤", target: 2%, actual: 1.25%'
    elif k == 3:
        rest = 'nature: 定性, target: 优良, actual: 部分达成, score: 0.7'
    else:
        rest = f'nature: "=", target: {i}, unit: 万元, actual: {i}.5, deviation_note: 第{i}项超出目标，已说明原因'
    lines.append(f"  - {{level1: {l1}, level2: {l2}, name: 第{i + 1}项指标（基准）, weight: 1, {rest}}}")
open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
