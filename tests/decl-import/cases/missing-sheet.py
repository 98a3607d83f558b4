"""Only the projects sheet: the indicators sheet is missing."""
import openpyxl
from _decl import *

wb = openpyxl.Workbook()
sheet(wb, "项目信息", [PROJECT_HEAD] + PROJECTS, first=True)
sheet(wb, "Sheet2", [])
save(wb)
