"""A 指标值 of 2,000 characters, and a 测算依据 over the long-text bound."""
import openpyxl
from _decl import *

wb = openpyxl.Workbook()
p = [list(r) for r in PROJECTS]
p[1][7] = "测" * 10001
sheet(wb, "项目信息", [PROJECT_HEAD] + p, first=True)
ind = [list(r) for r in INDICATORS]
ind[3][4] = "不超过" + "9" * 1997
sheet(wb, "指标信息", [INDICATOR_HEAD] + ind)
save(wb)
