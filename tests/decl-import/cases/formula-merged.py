"""A formula in a data cell (openpyxl saves no computed value, so it cannot be read), an
error value, and merged cells in data rows (the 一级指标 merged over a group, as a printed
form would be)."""
import openpyxl
from _decl import *

wb = openpyxl.Workbook()
sheet(wb, "项目信息", [PROJECT_HEAD] + PROJECTS, first=True)
ws = sheet(wb, "指标信息", [INDICATOR_HEAD] + INDICATORS)
ws["E5"] = "=CONCATENATE(\"≤\",42,\"万元\")"
ws["E9"] = "#N/A"
ws.merge_cells("B2:B5")
save(wb)
