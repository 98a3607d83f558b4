"""Indicator rows whose 项目编码 is not in the projects sheet, one without a code, and one
code that cannot name a file."""
import openpyxl
from _decl import *

wb = openpyxl.Workbook()
sheet(wb, "项目信息", [PROJECT_HEAD] + PROJECTS, first=True)
sheet(wb, "指标信息", [INDICATOR_HEAD] + INDICATORS + [
    ["440306229999999999999", "产出", "数量", "培训场次", "≥6场", None],
    [None, "产出", "数量", "培训人数", "≥100人", None],
    ["项目/一", "产出", "数量", "培训人数", "≥100人", None],
])
save(wb)
