#!/usr/bin/env bash
# pdf-layout.sh — time the PDF-by-layout reader (src/import/read_pdf.c) on a generated
# 200-page PDF (a table and prose on every page, made with LibreOffice) and on jixiao's
# own department report; prints pages, seconds and pages per second.
#   bench/pdf-layout.sh [BUILD_DIR]      (default: build; needs soffice and jx_docread)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
tool=$build/tests/jx_docread
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work
pages=${PAGES:-200}
{
  echo '<!DOCTYPE html><html><head><meta charset="utf-8"><style>td{border:1px solid #000;font-size:9pt} table{border-collapse:collapse}</style></head><body>'
  for i in $(seq 1 "$pages"); do
    [ "$i" -gt 1 ] && echo '<p style="page-break-before:always"></p>'
    echo "<h3>第${i}个项目支出绩效自评表</h3>"
    echo '<table width="100%"><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td><td>偏差原因分析及改进措施</td></tr>'
    echo "<tr><td rowspan=\"3\">产出指标</td><td rowspan=\"2\">数量指标</td><td>维修改造校舍面积</td><td>≥${i}000平方米</td><td>${i}500平方米</td><td>10</td><td>10</td><td></td></tr>"
    echo '<tr><td>受益学校数量</td><td>=15所</td><td>15所</td><td>10</td><td>10</td><td></td></tr>'
    echo '<tr><td>时效指标</td><td>项目完工及时率</td><td>≥95%</td><td>90%</td><td>10</td><td>9</td><td>受雨季影响两所学校的屋面防水工程推迟一个月完工，今后将提前安排施工计划并预留工期</td></tr>'
    echo '<tr><td>效益指标</td><td>社会效益指标</td><td>改善学生学习生活条件，消除校舍安全隐患</td><td>明显改善</td><td>明显改善</td><td>20</td><td>20</td><td></td></tr></table>'
    for j in 1 2 3 4; do
      echo "<p>（${j}）本年度围绕乡村振兴和农业现代化的中心任务，统筹安排财政资金，加强预算执行管理，全年共完成高标准农田建设任务12000亩，农作物良种覆盖率达到98%以上，农业社会化服务覆盖面持续扩大。部门严格执行预算批复，规范资金支付流程，确保每一笔资金用在刀刃上，并按季度开展绩效运行监控。</p>"
    done
  done
  echo '</body></html>'
} >"$work/big.html"
(cd "$work" && soffice --headless --infilter="HTML (StarWriter)" --convert-to pdf big.html >/dev/null 2>&1)
n=$(pdfinfo "$work/big.pdf" | awk '/^Pages:/ {print $2}')
"$build/jixiao" report "$root/examples/ebian-cppcc-2023.yaml" -f pdf -o "$work/department.pdf" >/dev/null 2>&1 || true
dept=$(pdfinfo "$work/department.pdf" | awk '/^Pages:/ {print $2}')
time_of() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
t_pdftotext=$(time_of pdftotext -bbox-layout -enc UTF-8 -q "$work/big.pdf" -)
t_reader=$(time_of "$tool" "$work/big.pdf")
t_dept=$(time_of "$tool" "$work/department.pdf")
echo "big.pdf: $n pages, $(du -k "$work/big.pdf" | cut -f1) KB"
echo "  pdftotext -bbox-layout alone: ${t_pdftotext}s"
echo "  jx_docread (pdftotext + layout): ${t_reader}s, $(echo "scale=1; $n / $t_reader" | bc) pages/s"
echo "department report: $dept pages, jx_docread ${t_dept}s"
