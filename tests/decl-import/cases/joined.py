"""One joined sheet (a row per indicator, the project's columns repeated), rows of the two
projects interleaved: each project keeps its own rows in order."""
import openpyxl
from _decl import *

wb = openpyxl.Workbook()
sheet(wb, "data", [PROJECT_HEAD + INDICATOR_HEAD[1:]] + joined_rows([7, 0, 1, 8, 2, 3, 4, 9, 5, 10, 6]), first=True)
save(wb)
