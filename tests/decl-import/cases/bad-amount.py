"""Amounts that are not numbers, and a 年度 column with a year out of range."""
import openpyxl
from _decl import *

wb = openpyxl.Workbook()
sheet(wb, "项目信息", [PROJECT_HEAD + ["预算年度"],
                     PROJECTS[0][:4] + ["七十四万", "247100"] + PROJECTS[0][6:] + [2023],
                     PROJECTS[1][:4] + ["0", "-"] + PROJECTS[1][6:] + ["23年"]], first=True)
sheet(wb, "指标信息", [INDICATOR_HEAD] + INDICATORS)
save(wb)
