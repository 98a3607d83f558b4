"""指标值 written as numbers: 0.95 under a percent format is 95%; an amount as a number cell."""
import openpyxl
from _decl import *

wb = openpyxl.Workbook()
sheet(wb, "项目信息", [PROJECT_HEAD, ["440306230000000000001", "测试项目", "某单位", "某部门", 100000, 50000.5, None, None, None]], first=True)
ws = sheet(wb, "指标信息", [INDICATOR_HEAD,
                          ["440306230000000000001", "产出", "质量", "合格率", 0.95, None],
                          ["440306230000000000001", "产出", "数量", "场次", 12, None]])
ws["E2"].number_format = "0%"
save(wb)
