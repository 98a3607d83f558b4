#!/usr/bin/env bash
# run.sh — the 绩效目标表 of one declaration in every format, against expected files beside it:
#   NAME.md.expected                       `jixiao report NAME.yaml --format md`, exactly
#   NAME.{html,docx,pdf,xlsx}.text.expected the table text of that format (tests/tools/docread.c,
#                                          the readers of import-report), so what a reader sees
#   NAME.template.expected                 the table text of `jixiao template --kind declaration`
#   NAME.roundtrip.expected                that template read back by `jixiao import -o DIR`: the
#                                          declaration file it writes (what the sheets cannot
#                                          carry, the scope and the adjustments, is missing)
# and every binary output written twice gives the same bytes; the file read back, put into
# a template and read back again, is the same file.  NAME "blank" (no .yaml): the
# blank template only.
#   run.sh JIXIAO JX_DOCREAD DIR/NAME      (JX_SPEC_UPDATE=1 rewrites the expected files)
set -uo pipefail
jixiao=$1 docread=$2 stem=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
run() { ${JX_SPEC_WRAPPER:-} "$jixiao" "$@" 2>>"$work/err"; }
check() { # expected-file actual-file
  if [ "${JX_SPEC_UPDATE:-}" = 1 ]; then cp "$2" "$1"; echo "updated $1"; return; fi
  diff -u "$1" "$2" || { echo "FAIL: $(basename "$1") differs"; fail=1; }
}
same_bytes() { cmp -s "$1" "$2" || { echo "FAIL: $(basename "$1") is not the same twice"; fail=1; }; }
text_of() { "$docread" "$1" >"$2" 2>>"$work/err" || { echo "FAIL: cannot read back $1"; cat "$work/err"; fail=1; }; }

if [ "$(basename "$stem")" = blank ]; then
  run template --kind declaration -o "$work/t.xlsx" || { echo "FAIL: template exit $?"; cat "$work/err"; exit 1; }
  run template --kind declaration -o "$work/t2.xlsx"
  same_bytes "$work/t.xlsx" "$work/t2.xlsx"
  text_of "$work/t.xlsx" "$work/t.txt"
  check "$stem.template.expected" "$work/t.txt"
else
  yaml=$stem.yaml
  run report "$yaml" --format md >"$work/out.md" || { echo "FAIL: report md exit $?"; cat "$work/err"; exit 1; }
  check "$stem.md.expected" "$work/out.md"
  for f in html docx pdf xlsx; do
    run report "$yaml" --format "$f" -o "$work/a.$f" || { echo "FAIL: report $f exit $?"; cat "$work/err"; fail=1; continue; }
    run report "$yaml" --format "$f" -o "$work/b.$f"
    same_bytes "$work/a.$f" "$work/b.$f"
    text_of "$work/a.$f" "$work/a.$f.txt"
    check "$stem.$f.text.expected" "$work/a.$f.txt"
  done
  run template --kind declaration -o "$work/t.xlsx" "$yaml" || { echo "FAIL: template exit $?"; cat "$work/err"; exit 1; }
  run template --kind declaration -o "$work/t2.xlsx" "$yaml"
  same_bytes "$work/t.xlsx" "$work/t2.xlsx"
  text_of "$work/t.xlsx" "$work/t.txt"
  check "$stem.template.expected" "$work/t.txt"
  run import "$work/t.xlsx" -o "$work/d1" >/dev/null || { echo "FAIL: import exit $?"; cat "$work/err"; exit 1; }
  [ "$(ls "$work/d1" | wc -l)" = 1 ] || { echo "FAIL: import wrote $(ls "$work/d1")"; exit 1; }
  check "$stem.roundtrip.expected" "$work/d1/"*.yaml
  run template --kind declaration -o "$work/t3.xlsx" "$work/d1"
  run import "$work/t3.xlsx" -o "$work/d2" >/dev/null
  diff -r "$work/d1" "$work/d2" || { echo "FAIL: the round trip is not stable"; fail=1; }
fi
# a sanitizer or valgrind finding fails the case even when the outputs match
grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|definitely lost' "$work/err" && { cat "$work/err"; fail=1; }
[ "$fail" = 0 ] && echo "ok $stem"
exit "$fail"
