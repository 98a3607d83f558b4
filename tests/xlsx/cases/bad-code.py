"""A filled self-evaluation template whose 单位编码 holds a quote and CR/LF (a second
header in a download): refused at its cell (JX707), CR/LF shown as \\xHH; nothing is written."""
import sys
import openpyxl
from _lib import template, row_of

out = sys.argv[1]
template("selfeval", out, "tests/xlsx/roundtrip/minimal-department.yaml")
wb = openpyxl.load_workbook(out)
info = wb["基本信息"]
r = row_of(info, "单位编码", 1)
info.cell(r, 2).value = 'A1"\r\nX-Evil: 1'
wb.save(out)
