"""_decl.py — helpers of the declaration-export case scripts: the rows of a small export
(two projects, as the Shenzhen export writes them) and sheets built from lists."""
import csv
import sys

import openpyxl

OUT = sys.argv[1] if len(sys.argv) > 1 else "out.xlsx"

PROJECT_HEAD = ["项目编码", "项目名称", "申请单位", "一级预算单位", "项目总金额", "本年金额", "政策依据", "测算依据", "年度目标"]
INDICATOR_HEAD = ["项目编码", "一级指标", "二级指标", "三级指标", "指标值", "指标解释"]

PROJECTS = [
    ["440306221390300100088", "宝安第一课常态化培训经费", "深圳市宝安区松岗街道办事处（本级）",
     "深圳市宝安区松岗街道办事处（本级）", "741300", "247100", "宝安第一课常态化培训",
     "2023年度申报预算包括1个支出事项。", "保障各社区的宝安第一课常态化培训"],
    ["440306210600300000951", "打击拒不支付劳动报酬经费", "深圳市宝安区松岗街道办事处（本级）",
     "深圳市宝安区松岗街道办事处（本级）", "0", "0", "一、项目背景\n根据《宝安区欠薪举报奖励办法》", None,
     "拓宽违法线索收集渠道，充分发挥社会监督作用"],
]

INDICATORS = [
    ["440306221390300100088", "产出", "数量", "线上、线下培训人数", "约6.6万人次", "根据经费使用情况制定"],
    ["440306221390300100088", "产出", "质量", "发放准确率\n", "100%\n", "根据经费使用情况制定"],
    ["440306221390300100088", "产出", "时效", "完成时间", "11月底前完成\n\n", None],
    ["440306221390300100088", "产出", "成本", "总成本", "总成本不超过42万元/年", None],
    ["440306221390300100088", "效益", "经济效益", "不适用", "不适用\t\n", "不适用"],
    ["440306221390300100088", "效益", "社会效益", "市民交通安全意识", "得到提高", None],
    ["440306221390300100088", "满意度", "服务对象满意度", None, None, None],
    ["440306210600300000951", "产出", "数量", "受理举报数量", "≧1宗", "受理举报数量≧1宗"],
    ["440306210600300000951", "产出", "质量", "服务老干部人数", "102\t\n120", None],
    ["440306210600300000951", "效益", "社会效益", "不适用", "不适用", "不适用"],
    ["440306210600300000951", "满意度", "服务对象满意度", "群众满意度", "》90%", None],
]


def sheet(wb, title, rows, first=False):
    ws = wb.active if first else wb.create_sheet(title)
    ws.title = title
    for r in rows:
        ws.append(r)
    return ws


def joined_rows(order=None):
    """A row per indicator, the project's columns repeated (the corpus's `data` sheet)."""
    by_code = {p[0]: p for p in PROJECTS}
    rows = [by_code[i[0]] + i[1:] for i in INDICATORS]
    if order:
        rows = [rows[k] for k in order]
    return rows


def save(wb):
    wb.save(OUT)


def write_csv(rows):
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
