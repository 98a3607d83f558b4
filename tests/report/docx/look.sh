#!/usr/bin/env bash
# look.sh — render a department-year as DOCX, convert it with LibreOffice to PDF and the
# PDF to one PNG per page, to look at the pages (not a CTest test: a person judges).
#   tests/report/docx/look.sh [FILE.yaml] [OUTDIR] [DPI]
# Defaults: the seed example, /tmp/jx-docx-look, 60 dpi.  Needs build/jixiao, soffice
# (libreoffice-writer-nogui) and pdftoppm (poppler-utils).  Writes nothing in the tree.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
yaml=${1:-$root/examples/ebian-cppcc-2023.yaml}
out=${2:-/tmp/jx-docx-look}
dpi=${3:-60}
jixiao=${JIXIAO:-$root/build/jixiao}
command -v soffice >/dev/null || { echo "look.sh: soffice not found: apt-get install libreoffice-writer-nogui" >&2; exit 2; }
command -v pdftoppm >/dev/null || { echo "look.sh: pdftoppm not found: apt-get install poppler-utils" >&2; exit 2; }
mkdir -p "$out"
rm -f "$out"/page-*.png
name=$(basename "$yaml" .yaml)
# The data may have errors: the report is written all the same (exit 1 = data errors).
"$jixiao" report "$yaml" --format docx -o "$out/$name.docx" 2>/dev/null || [ $? -eq 1 ]
soffice -env:UserInstallation=file://"$out"/profile --headless --norestore \
  --convert-to pdf --outdir "$out" "$out/$name.docx" >/dev/null 2>&1
pdftoppm -r "$dpi" -png "$out/$name.pdf" "$out/page"
pages=$(ls "$out"/page-*.png | wc -l)
echo "$out/$name.docx → $out/$name.pdf: $pages pages ($out/page-*.png)"
for i in $(seq 1 "$pages"); do
  printf "%3d  %s\n" "$i" "$(pdftotext -f "$i" -l "$i" "$out/$name.pdf" - | tr -s " \n" "  " | python3 -c "import sys; print(sys.stdin.read()[:44])")"
done
