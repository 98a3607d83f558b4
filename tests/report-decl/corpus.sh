#!/usr/bin/env bash
# The real Shenzhen export (tests/decl-import/shenzhen-songgang-targets-2021-2022.xlsx, 118
# projects, 1,193 indicator rows) through the 绩效目标表 template and back: imported
# (`jixiao import -o d1`), written into one template (`jixiao template --kind declaration
# d1`: 项目信息, 指标信息 and 118 printable forms), that template imported again (d2): the
# 118 declaration files are byte-identical.  The template itself, written twice, is the
# same bytes, and every form sheet is there.
#
#   tests/report-decl/corpus.sh JIXIAO_BINARY JX_DOCREAD
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jixiao=$1 docread=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-decl-out-corpus.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
run() { ${JX_SPEC_WRAPPER:-} "$jixiao" "$@" >>"$tmp/log" 2>&1 || { echo "FAIL: jixiao $* exited $?"; cat "$tmp/log"; exit 1; }; }
run import "$here/../decl-import/shenzhen-songgang-targets-2021-2022.xlsx" -o "$tmp/d1"
[ "$(ls "$tmp/d1" | wc -l)" = 118 ] || { echo "FAIL: the export gave $(ls "$tmp/d1" | wc -l) files, not 118"; exit 1; }
run template --kind declaration -o "$tmp/t.xlsx" "$tmp/d1"
run template --kind declaration -o "$tmp/t2.xlsx" "$tmp/d1"
cmp -s "$tmp/t.xlsx" "$tmp/t2.xlsx" || { echo "FAIL: the template is not the same twice"; exit 1; }
run import "$tmp/t.xlsx" -o "$tmp/d2"
diff -r "$tmp/d1" "$tmp/d2" >"$tmp/diff" || { echo "FAIL: the files read back differ"; head -40 "$tmp/diff"; exit 1; }
forms=$("$docread" "$tmp/t.xlsx" | grep -c '^| 项目支出绩效目标申报表（20[0-9][0-9]年度） |$')
[ "$forms" = 118 ] || { echo "FAIL: $forms printable forms, not 118"; exit 1; }
grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|definitely lost' "$tmp/log" && { cat "$tmp/log"; exit 1; }
echo "ok: 118 declarations → template (118 forms) → import: byte-identical"
