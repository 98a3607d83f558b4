"""The indicators sheet has no 指标值 column, the projects sheet no 项目名称 (under a title)."""
import openpyxl
from _decl import *

wb = openpyxl.Workbook()
sheet(wb, "项目信息", [["项目清单"], [h for h in PROJECT_HEAD if h != "项目名称"]] + [[c for k, c in enumerate(p) if k != 1] for p in PROJECTS], first=True)
sheet(wb, "指标信息", [INDICATOR_HEAD[:4] + INDICATOR_HEAD[5:]] + [i[:4] + i[5:] for i in INDICATORS])
save(wb)
