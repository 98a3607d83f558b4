"""The project example's template opened and saved by LibreOffice still imports."""
import os
import sys
import tempfile
from _lib import template, libreoffice_resave

out = sys.argv[1]
with tempfile.TemporaryDirectory() as tmp:
    src = os.path.join(tmp, "project.xlsx")
    template("project", src, "examples/project-county-library-2023.yaml")
    libreoffice_resave(src, out)
