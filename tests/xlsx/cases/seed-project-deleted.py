"""The seed's project template with a project deleted (its sheet removed) and another's
execution changed."""
import sys
import openpyxl
from _lib import template, row_of

out = sys.argv[1]
template("project", out, "examples/ebian-cppcc-2023.yaml")
wb = openpyxl.load_workbook(out)
del wb["项目自评-对外联络费"]
ws = wb["项目自评-全委会议费"]
r = row_of(ws, "年度资金总额", 1)
ws.cell(r, 2).value = 20       # 年初预算数
ws.cell(r, 3).value = 19.5     # 全年预算数
ws.cell(r, 4).value = "18.41"  # 全年执行数, typed as text
wb.save(out)
