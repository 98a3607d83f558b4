"""_lib.py — helpers of the Excel case scripts: write a template with the real binary,
find a row by its text, convert with LibreOffice."""
import os
import shutil
import subprocess
import sys
import tempfile

REPO = os.environ["REPO"]
JIXIAO = os.environ["JIXIAO"]


def template(kind, out, data=None):
    """jixiao template --kind KIND -o OUT [DATA] (DATA relative to the repository)."""
    cmd = [JIXIAO, "template", "--kind", kind, "-o", out]
    if data:
        cmd.append(os.path.join(REPO, data))
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)


def row_of(ws, text, col=None):
    """The 1-based row of the first cell whose value is text (in column col if given)."""
    for row in ws.iter_rows():
        for c in row:
            if c.value == text and (col is None or c.column == col):
                return c.row
    raise KeyError(text)


def col_of(ws, text):
    for row in ws.iter_rows():
        for c in row:
            if c.value == text:
                return c.column
    raise KeyError(text)


def libreoffice_resave(src, out):
    """Open src in LibreOffice (headless) and save it as XLSX at out; exit 77 without it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("LibreOffice (soffice) is not installed")
        sys.exit(77)
    with tempfile.TemporaryDirectory() as tmp:
        outdir = os.path.join(tmp, "out")
        os.mkdir(outdir)
        profile = "file://" + os.path.join(tmp, "profile")
        subprocess.run([soffice, "-env:UserInstallation=" + profile, "--headless", "--convert-to", "xlsx",
                        "--outdir", outdir, src], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=240)
        shutil.copy(os.path.join(outdir, os.path.basename(src)), out)
