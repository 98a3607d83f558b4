#!/usr/bin/env bash
# The main job on the example: build; check and review the seed's declaration (its targets),
# then check the seed department-year against it, score it and write its reports.
#   scripts/run-demo.sh [FILE.yaml]     (default examples/ebian-cppcc-2023.yaml)
# `check` exits 1 when the data has errors (the seed has some): that is a result, not a
# failure.  Exit codes of 2 or more (usage, I/O, crash) fail the demo.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

example=${1:-examples/ebian-cppcc-2023.yaml}
# The build shows its progress (CMake's [ NN%] lines; about a minute the first time on
# two cores, a second when nothing changed); its other output is kept in build/make-run.log
# and shown whole when it fails.
mkdir -p build
echo "run-demo: 安装缺少的软件包并编译（首次约 1 分钟）…"
set +e
make --no-print-directory build 2>&1 | tee build/make-run.log | grep --line-buffered -E '^\[ *[0-9]+%\] (Built target|Linking)'
build_rc=${PIPESTATUS[0]}
set -e
if [ "$build_rc" -ne 0 ] || ! [ -x build/jixiao ]; then
  echo "run-demo: 编译失败，完整输出：" >&2
  cat build/make-run.log >&2
  exit 1
fi
echo

bin=build/jixiao
export JIXIAO_FRAMEWORKS="${JIXIAO_FRAMEWORKS:-$PWD/frameworks}"

# step LABEL ARGS...: runs jixiao, tolerating exit 1 (data has errors).
step() {
  local label=$1 rc=0
  shift
  echo "\$ $bin $*"
  "$bin" "$@" || rc=$?
  if [ "$rc" -ge 2 ]; then
    echo "run-demo: jixiao $label failed with exit code $rc" >&2
    exit "$rc"
  fi
  [ "$rc" -eq 0 ] || echo "(jixiao $label: exit $rc — the data has errors, listed above)"
  echo
}

# The year begins with its declaration (绩效目标申报): the seed's 目标表 as declared; the
# year-end file is checked against it once it is approved (--declaration).
declaration=${example%.yaml}-declaration.yaml
if [ -f "$declaration" ]; then
  step declaration check "$declaration"
  step review review "$declaration"
  step check check --declaration "$declaration" "$example"
else
  step check check "$example"
fi
step score score "$example"
# The reports, from one evaluation (the diagnostics above are not repeated).
name=$(basename "$example" .yaml)
rc=0
"$bin" report "$example" --format pdf,docx,xlsx,html -o build 2>/dev/null || rc=$?
if [ "$rc" -ge 2 ]; then
  echo "run-demo: jixiao report failed with exit code $rc" >&2
  exit "$rc"
fi
echo "报告已写入 build/$name.pdf、build/$name.docx、build/$name.xlsx、build/$name.html"
if [ -f "$declaration" ]; then
  dname=$(basename "$declaration" .yaml)
  rc=0
  "$bin" report "$declaration" --format pdf,xlsx -o build 2>/dev/null || rc=$?
  if [ "$rc" -ge 2 ]; then
    echo "run-demo: jixiao report of the declaration failed with exit code $rc" >&2
    exit "$rc"
  fi
  echo "绩效目标申报表已写入 build/$dname.pdf、build/$dname.xlsx"
fi
