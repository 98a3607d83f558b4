"""An official self-evaluation table as another tool exports it: two title rows and a
blank row before the header, a 序号 column, 一级指标 merged down its rows, numbers stored
as text with thousands separators and full-width digits, money in 元 as the header says,
指标性质 written inside the value cell, percentages as 0.95 and as "95%", a 小计-free
合计 row, a signature line after the table.  No 基本信息 sheet: the framework comes
from the command line (NAME.args), the year from the title."""
import sys
import openpyxl

out = sys.argv[1]
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Sheet1"
ws["A1"] = "2023年度部门整体支出绩效自评表"
ws.merge_cells("A1:J1")
ws["A2"] = "填报单位（盖章）：示例县统计局"
ws["H2"] = "金额单位：元"
ws.append([])  # row 3 blank
ws.append(["部门名称", "示例县统计局"])
ws.append(["", "年初预算数（元）", "全年预算数（元）", "全年执行数（元）", "执行率"])
ws.append(["年度资金总额", "1,234,567.80", "１，３００，０００．００", 1250000, "96.15%"])
ws.append([])
ws.append(["序号", "一级指标", "二级指标", "三级指标", "年度指标值", "度量单位", "分值", "全年实际值", "得分",
           "偏差原因分析及改进措施"])
rows = [
    [1, "产出指标", "数量指标", "完成统计调查项目", "≥12", "项", "20", "１３", "20", None],
    [2, None, "质量指标", "数据差错率", "≤1%", None, 20, "0.8%", 20, None],
    [3, None, "时效指标", "按时报送率", "＝100%", "%", 10, 0.95, 9.5, "一项调查因系统故障迟报三天"],
    [4, "效益指标", "社会效益指标", "统计数据开放共享", "效果明显", None, 30, "达成", 27, None],
    [5, "满意度指标", "服务对象满意度指标", "数据使用者满意度", "≥90%", None, 20, 0.93, 20, None],
]
for r in rows:
    ws.append(r)
ws.merge_cells("B9:B11")
ws.append(["合计", None, None, None, None, None, 100, None, 96.5, None])
ws.append([])
ws.append(["填表人：张三", None, None, "联系电话：12345678"])
wb.save(out)
