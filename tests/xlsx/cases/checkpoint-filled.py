"""A blank 绩效监控表 filled in as a user would: the checkpoint typed as a date, the unit code as
a number-looking text, amounts as numbers (or as text, one with thousands separators), 执行进度 left
to its formula, a reason written on a source row, a 是/否 answer; read into a checkpoint
report (kind: monitoring)."""
import datetime
import sys
import openpyxl
from _lib import template, row_of, col_of

out = sys.argv[1]
template("checkpoint", out)
wb = openpyxl.load_workbook(out)
ws = wb["绩效监控表"]
ws.cell(row_of(ws, "年度", 1), 2).value = 2023
ws.cell(row_of(ws, "监控时点", 1), 2).value = datetime.date(2023, 9, 30)
ws.cell(row_of(ws, "单位编码", 1), 2).value = "051100101"
ws.cell(row_of(ws, "单位名称", 1), 2).value = "  峨边县图书馆 "
head = row_of(ws, "资金来源", 1)
cols = {ws.cell(head, c).value: c for c in range(1, 10)}
r = head + 1
ws.cell(r, cols["资金来源"]).value = "财政拨款"
ws.cell(r, cols["全年预算数"]).value = 120.5
ws.cell(r, cols["累计执行数"]).value = 60.25
ws.cell(r, cols["全年预计执行数"]).value = "120.50"                      # a number typed as text
ws.cell(r, cols["偏差原因"]).value = "图书采购合同 10 月签订"
ws.cell(r + 1, cols["资金来源"]).value = "其他资金"
ws.cell(r + 1, cols["全年预算数"]).value = "1,000.00"
ws.cell(r + 1, cols["累计执行数"]).value = 0
total = row_of(ws, "合计", 1)
ws.cell(total, cols["纠偏措施"]).value = "加快采购进度"
ihead = row_of(ws, "一级指标", 1)
icol = {ws.cell(ihead, c).value: c for c in range(1, 10)}
i = ihead + 1
ws.cell(i, icol["一级指标"]).value = "产出指标"
ws.cell(i, icol["二级指标"]).value = "数量指标"
ws.cell(i, icol["三级指标"]).value = "新增馆藏图书"
ws.cell(i, icol["年度指标值"]).value = "≥5000册"
ws.cell(i, icol["累计完成值"]).value = "3200册"
ws.cell(i, icol["是否能完成"]).value = "是"
ws.cell(i + 3, icol["三级指标"]).value = "读者满意度"                # after blank rows
ws.cell(i + 3, icol["年度指标值"]).value = 0.9                          # a number …
ws.cell(i + 3, icol["年度指标值"]).number_format = "0%"                 # … shown as 90%
wb.save(out)
