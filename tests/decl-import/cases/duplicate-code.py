"""The same 项目编码 twice in the projects sheet (names repeat in real exports; codes may not)."""
import openpyxl
from _decl import *

wb = openpyxl.Workbook()
sheet(wb, "项目信息", [PROJECT_HEAD] + PROJECTS + [[PROJECTS[0][0], "宝安第一课常态化培训经费（二）"] + PROJECTS[0][2:]], first=True)
sheet(wb, "指标信息", [INDICATOR_HEAD] + INDICATORS)
save(wb)
