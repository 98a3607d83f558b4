"""What a template promises, checked with openpyxl on every kind (pre-filled from a file
in 元 with hostile texts, and blank): data cells unlocked and never formulas — a name
starting with = + - @ is a string; formulas only in locked cells; every form sheet
protected; drop-down lists on 指标性质; the hidden marker sheet and defined name.  The
selfeval workbook is then imported unchanged (NAME.yaml.expected)."""
import os
import sys
import tempfile
import openpyxl
from _lib import template

out = sys.argv[1]
problems = []


def check(path, kind):
    wb = openpyxl.load_workbook(path)
    names = wb.sheetnames
    if wb["_jixiao"].sheet_state != "hidden":
        problems.append(f"{kind}: _jixiao is not hidden")
    marker = wb.defined_names.get("JIXIAO_TEMPLATE")
    if marker is None or marker.attr_text != f'"jixiao-template/1 {kind}"':
        problems.append(f"{kind}: marker {marker and marker.attr_text}")
    for name in names:
        ws = wb[name]
        if not ws.protection.sheet:
            problems.append(f"{kind}/{name}: sheet not protected")
        if ws.protection.password:
            problems.append(f"{kind}/{name}: sheet has a password")
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f" and not c.protection.locked:
                    problems.append(f"{kind}/{name}!{c.coordinate}: a formula in an unlocked cell: {c.value}")
                if c.data_type == "f" and not str(c.value).startswith(("=IF(", "=SUM(", "=基本信息!B2")):
                    problems.append(f"{kind}/{name}!{c.coordinate}: data written as a formula: {c.value}")
                if c.data_type == "s" and isinstance(c.value, str) and c.value[:1] in "=+-@" \
                        and c.value != "—" and c.protection.locked and name != "_jixiao":
                    problems.append(f"{kind}/{name}!{c.coordinate}: hostile text in a locked cell")
    form = {"target": "绩效目标表", "selfeval": "绩效自评表", "monitoring": "绩效运行监控表"}.get(kind)
    if form:
        ws = wb[form]
        lists = [dv.formula1 for dv in ws.data_validations.dataValidation]
        if kind != "monitoring" and '"=,≥,>,≤,<,定性"' not in lists:
            problems.append(f"{kind}: no 指标性质 list ({lists})")
    return wb


with tempfile.TemporaryDirectory() as tmp:
    for kind in ("target", "selfeval", "project", "monitoring"):
        for data in ("tests/xlsx/roundtrip/money-yuan.yaml", None):
            path = os.path.join(tmp, f"{kind}-{'filled' if data else 'blank'}.xlsx")
            template(kind, path, data)
            wb = check(path, kind)
            if data and kind == "selfeval":
                ws = wb["基本信息"]
                if ws["B2"].value != '=HYPERLINK("http://example.invalid","点我")' or ws["B2"].data_type != "s":
                    problems.append(f"基本信息!B2 is {ws['B2'].data_type}: {ws['B2'].value}")
                if ws["B2"].protection.locked:
                    problems.append("基本信息!B2 (a data cell) is locked")
                os.replace(path, out)
if problems:
    print("\n".join(problems))
    sys.exit(1)
