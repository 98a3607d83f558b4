"""A filled self-evaluation template with mistakes of every kind: every one is reported
at its cell, in Chinese, with the value; nothing is written."""
import sys
import openpyxl
from _lib import template, row_of, col_of

out = sys.argv[1]
template("selfeval", out, "tests/xlsx/roundtrip/minimal-department.yaml")
wb = openpyxl.load_workbook(out)
info = wb["基本信息"]
info["B5"] = "2023年"          # 年度 with 年: accepted
info["B10"] = "2024/03/15"     # 落款日期 in another form: refused
ws = wb["绩效自评表"]
name = col_of(ws, "三级指标")
r = row_of(ws, "接收档案", name)
ws.cell(r, col_of(ws, "权重")).value = "四十"                 # not a number
ws.cell(r + 1, col_of(ws, "指标性质")).value = "大于"         # not a nature
ws.cell(r + 2, col_of(ws, "实际完成值")).value = "=B1*2"      # a formula, never computed
ws.cell(r + 2, col_of(ws, "自评得分")).value = "#DIV/0!"      # an error value
spare = r + 3
ws.cell(spare, col_of(ws, "指标值")).value = 5                # data without a name
ws.cell(spare, col_of(ws, "权重")).value = 1
c = wb["评价结论"]
c.cell(row_of(c, "自评等级", 1), 2).value = "优秀"
c.cell(2, 2).value = "1,2,3"                                  # a block's score
wb.save(out)
