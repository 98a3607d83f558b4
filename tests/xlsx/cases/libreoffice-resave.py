"""A pre-filled self-evaluation template (money in 元, hostile names, percentages,
references) opened and saved by LibreOffice: it still imports, to the same data."""
import os
import sys
import tempfile
from _lib import template, libreoffice_resave

out = sys.argv[1]
with tempfile.TemporaryDirectory() as tmp:
    src = os.path.join(tmp, "money-yuan.xlsx")
    template("selfeval", src, "tests/xlsx/roundtrip/money-yuan.yaml")
    libreoffice_resave(src, out)
