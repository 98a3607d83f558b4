"""The corpus's shape: 项目信息 and 指标信息, and the same data joined in a sheet `data` with
its rows in another order.  The two sheets are read; the joined one is said to be skipped."""
import openpyxl
from _decl import *

wb = openpyxl.Workbook()
sheet(wb, "项目信息", [PROJECT_HEAD] + PROJECTS, first=True)
sheet(wb, "指标信息", [INDICATOR_HEAD] + INDICATORS)
sheet(wb, "data", [PROJECT_HEAD + INDICATOR_HEAD[1:]] + joined_rows(list(reversed(range(len(INDICATORS))))))
save(wb)
