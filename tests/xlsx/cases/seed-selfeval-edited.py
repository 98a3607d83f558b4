"""A user's edits to the seed's self-evaluation template, made in the workbook: an actual
changed, an indicator added in a spare row, one inserted in the middle, one deleted, a
deviation note written."""
import sys
import openpyxl
from _lib import template, row_of, col_of

out = sys.argv[1]
template("selfeval", out, "examples/ebian-cppcc-2023.yaml")
wb = openpyxl.load_workbook(out)
ws = wb["绩效自评表"]
actual = col_of(ws, "实际完成值")
name = col_of(ws, "三级指标")
note = col_of(ws, "偏差原因分析及改进措施")
# change an actual (the 4th indicator: 15 次 → 12 次) and explain it
r = row_of(ws, "政协委员培训、调研考察、文史资料编撰、专委会工作", name)
ws.cell(r, actual).value = 12
ws.cell(r, note).value = "两次调研因汛期取消，已调整到次年上半年。"
# delete an indicator
ws.delete_rows(row_of(ws, "全年基本支出和项目支出", name))
# insert one in the middle, as Excel's "insert row" does
r = row_of(ws, "保障政协专项预算工作达标率", name)
ws.insert_rows(r)
for col, v in zip(range(1, 10), ["产出指标", "质量指标", "提案办理满意率", "≥", 0.9, "%", 0, 0.93]):
    ws.cell(r, col).value = v
ws.cell(r, 5).number_format = "0%"
ws.cell(r, 8).number_format = "0%"
# fill the first spare row after the last indicator
total = row_of(ws, "合计", 1)
spare = total - 5
for col, v in zip(range(1, 10), ["满意度指标", "服务对象满意度指标", "委员对机关服务满意度", "≥", "90%", None, 0, "96%"]):
    ws.cell(spare, col).value = v
wb.save(out)
