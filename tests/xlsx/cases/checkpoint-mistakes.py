"""A 绩效监控表 written from a checkpoint report and filled with mistakes: a negative amount,
是否能完成 = 也许, executed above the budget without an adjustment, an indicator row without
its name; each reported at its cell, nothing written, exit 1."""
import sys
import openpyxl
from _lib import template, row_of, col_of

out = sys.argv[1]
template("checkpoint", out, "tests/monitor-template/project-yuan.yaml")
wb = openpyxl.load_workbook(out)
ws = wb["绩效监控表"]
src = col_of(ws, "资金来源")
r = row_of(ws, "财政拨款", src)
ws.cell(r, col_of(ws, "全年预算数")).value = -1250000             # negative
r2 = row_of(ws, "上年结转", src)
ws.cell(r2, col_of(ws, "预算调整批复")).value = None              # executed 90000.10 > budget 80000
name = col_of(ws, "三级指标")
i = row_of(ws, "送戏下乡场次", name)
ws.cell(i, col_of(ws, "是否能完成")).value = "也许"
spare = row_of(ws, "没有一级二级的指标", name) + 1
ws.cell(spare, col_of(ws, "年度指标值")).value = "≥10次"         # a row without its name
wb.save(out)
