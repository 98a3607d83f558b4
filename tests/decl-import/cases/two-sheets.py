"""Two sheets as the corpus writes them (项目信息 + 指标信息), with a title row and a note
above the projects' header, an extra column (序号) and the review sheet (审核信息) that has
项目编码 but is no part of the declarations."""
import openpyxl
from _decl import *

wb = openpyxl.Workbook()
ws = sheet(wb, "项目信息", [["2023年项目支出绩效目标申报表"], ["导出时间：2022-10-08"], ["序号"] + PROJECT_HEAD], first=True)
ws.merge_cells("A1:J1")  # a merged title: not a data row
for k, p in enumerate(PROJECTS, 1):
    ws.append([k] + p)
sheet(wb, "指标信息", [INDICATOR_HEAD] + INDICATORS)
sheet(wb, "审核信息", [[None, "项目编码", "审核人", "审核日期"]] + [[i, p[0], None, None] for i, p in enumerate(PROJECTS)])
save(wb)
