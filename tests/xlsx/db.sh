#!/usr/bin/env bash
# jixiao import --db: a filled self-evaluation template into a collection (SQLite).
#
#   tests/xlsx/db.sh JIXIAO_BINARY
#
# The seed is stored as version 1; the seed's self-evaluation template, edited as a user
# would (tests/xlsx/cases/seed-selfeval-edited.py: an actual changed, an indicator
# deleted, two added), is imported with --db: it becomes version 2, merged onto version
# 1 — its exported bytes are exactly what `import --onto` writes
# (tests/xlsx/cases/seed-selfeval-onto.yaml.expected) — and the history names the
# changed fields.  The same import again changes nothing; a sheet without 单位编码 is
# refused (JX713) and stores nothing.
set -uo pipefail
[ $# -eq 1 ] || { echo "usage: $0 JIXIAO_BINARY" >&2; exit 2; }
jixiao=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export JIXIAO_FRAMEWORKS="$root/frameworks" LC_ALL=C.UTF-8 TZ=UTC REPO="$root" JIXIAO="$jixiao"
py=""
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import openpyxl' 2>/dev/null; then py=$p; break; fi
done
# shellcheck source=../lib/require.sh
[ -n "$py" ] || { . "$root/tests/lib/require.sh"; jx_missing python3-openpyxl "python3 with openpyxl"; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-xlsx-db.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
failed=0
run() { # what to expect (an exit code), then the command
  local want=$1
  shift
  # shellcheck disable=SC2086  # the wrapper is meant to split into words
  ${JX_SPEC_WRAPPER:-} "$jixiao" "$@" >out.txt 2>err.txt
  local rc=$?
  if [ "$rc" -ne "$want" ]; then
    echo "FAIL: jixiao $* exited $rc, expected $want"
    cat out.txt err.txt
    failed=$((failed + 1))
  fi
}
db=(--db "$tmp/c.db")
run 0 db "${db[@]}" init
run 0 db "${db[@]}" departments "$root/tests/xlsx/db/departments.csv"
# the seed has errors (the published report's own): stored as a draft, exit 1
# (filed under the test's own code EB001: the example's code 511132001 taken out, as a
# file and --department that name two different codes are refused)
grep -vx '  code: "511132001".*' "$root/examples/ebian-cppcc-2023.yaml" >seed.yaml
run 1 db "${db[@]}" import --user 张三 --department EB001 seed.yaml
run 1 db "${db[@]}" import --user 张三 --department EB001 "$root/examples/ebian-cppcc-2023.yaml"
grep -q "文件写明的单位编码是 511132001，与指定的单位编码 EB001 不一致：未写入" err.txt || { echo "FAIL: a file's code and another --department were not refused:"; cat err.txt; failed=$((failed + 1)); }
"$py" "$root/tests/xlsx/cases/seed-selfeval-edited.py" "$tmp/edited.xlsx" || exit 1
run 1 import edited.xlsx --db "$tmp/c.db" --code EB001 --user 李四
grep -q "^edited.yaml:" err.txt || { echo "FAIL: the checks are not positioned in the stored YAML:"; cat err.txt; failed=$((failed + 1)); }
grep -q "EB001 2023 年度第 2 版（新版本" err.txt || { echo "FAIL: not stored as version 2:"; cat err.txt; failed=$((failed + 1)); }
run 0 db "${db[@]}" export EB001 2023
# --code wrote the 单位编码 EB001 into the department-year in place of the example's own
if ! diff -u <(grep -vx '  code: "511132001"' "$root/tests/xlsx/cases/seed-selfeval-onto.yaml.expected") <(grep -vx '  code: EB001' out.txt); then
  echo "FAIL: version 2 is not the form merged onto version 1"
  failed=$((failed + 1))
fi
run 0 db "${db[@]}" history EB001 2023
for field in "政协委员培训、调研考察、文史资料编撰、专委会工作" 李四; do
  grep -q "$field" out.txt || { echo "FAIL: the history does not name $field:"; cat out.txt; failed=$((failed + 1)); }
done
run 1 import edited.xlsx --db "$tmp/c.db" --code EB001 --user 李四
grep -q "第 2 版（内容未变" err.txt || { echo "FAIL: the same form again made a version:"; cat err.txt; failed=$((failed + 1)); }
run 1 import "$root/tests/xlsx/cases/foreign-target.csv" --framework sichuan-ebian-department-2023 --db "$tmp/c.db"
grep -q "JX713" err.txt || { echo "FAIL: no JX713 without a code:"; cat err.txt; failed=$((failed + 1)); }
run 0 db "${db[@]}" list
[ "$(grep -c 2023 out.txt)" -eq 1 ] || { echo "FAIL: the refused import stored something:"; cat out.txt; failed=$((failed + 1)); }
[ "$failed" -eq 0 ] && echo "ok   import --db (store, merge, history, unchanged, refused)"
[ "$failed" -eq 0 ]
