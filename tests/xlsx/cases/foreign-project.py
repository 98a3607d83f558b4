"""A 项目支出绩效自评表 (财预〔2020〕10号 附件1) as another tool exports it: title rows,
主管部门 and 实施单位 on one row, the money block with 分值/执行率/得分 columns, 年度总体目标
over 预期目标 and 实际完成情况, the indicators with 指标性质 and unit inside 年度指标值
("≥20000页", "≥95%", "高"), 一级指标 merged down, a 总分 row, 自评等级 — and no 基本信息
(framework and year from NAME.args): imported as a project self-evaluation."""
import sys
import openpyxl

out = sys.argv[1]
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "项目支出绩效自评表"
rows = [
    ["项目支出绩效自评表"],
    ["（2023年度）"],
    ["项目名称", "县图书馆免费开放补助"],
    ["主管部门", "示例县文化广播电视和旅游局", None, None, "实施单位", "示例县图书馆"],
    ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    [None, "年度资金总额", 50, "50.00", "48.5", 10, "97%", 9.7],
    [None, "其中：当年财政拨款", 50, 50, 48.5, "—", "97%", "—"],
    [None, "上年结转资金", None, None, None, "—", None, "—"],
    [None, "其他资金", None, None, None, "—", None, "—"],
    ["年度总体目标", "预期目标", None, None, "实际完成情况"],
    [None, "保障图书馆免费开放，年接待读者2万人次以上。", None, None, "全年接待读者2.3万人次，免费开放正常。"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    [None, "产出指标", "数量指标", "接待读者人次", "≥20000人次", "23000人次", 30, 30, None],
    [None, None, "质量指标", "图书外借率", "≥60%", "58%", 20, 19.33, "新书到馆延迟"],
    [None, "效益指标", "社会效益指标", "全民阅读氛围", "高", "达成", 20, 18, None],
    [None, "满意度指标", "服务对象满意度指标", "读者满意度", "≥95%", "96%", 20, 20, None],
    ["总分", None, None, None, None, None, 100, 97.03, "自评等级：优"],
    ["自评总分", 97.03],
    ["自评等级", "优"],
]
for r in rows:
    ws.append(r)
ws.merge_cells("A5:A9")
ws.merge_cells("A10:A11")
ws.merge_cells("A12:A16")
ws.merge_cells("B13:B14")
wb.save(out)
