#!/usr/bin/env bash
# run.sh — one document reader case: tests/docread/NAME.EXT beside NAME.text.expected
# (the table text, import/docread.h) or NAME.error.expected (the reader's sentence, exit 1).
#   run.sh JX_DOCREAD FILE      (JX_SPEC_UPDATE=1 rewrites the expected file)
set -uo pipefail
tool=$1 input=$2
stem=${input%.*}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
${JX_SPEC_WRAPPER:-} "$tool" "$input" >"$work/out" 2>"$work/err"
rc=$?
if [ -f "$stem.error.expected" ]; then
  { cat "$work/err"; echo "exit: $rc"; } >"$work/actual"
  expected=$stem.error.expected
else
  cp "$work/out" "$work/actual"
  [ "$rc" -eq 0 ] || { echo "FAIL: exit $rc"; cat "$work/err"; exit 1; }
  expected=$stem.text.expected
fi
if [ "${JX_SPEC_UPDATE:-}" = 1 ]; then cp "$work/actual" "$expected"; echo "updated $expected"; exit 0; fi
if ! diff -u "$expected" "$work/actual"; then echo "FAIL: $input differs from $expected"; exit 1; fi
# a sanitizer or valgrind finding in the reader fails the case even when the text matches
grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|definitely lost' "$work/err" && { cat "$work/err"; exit 1; }
echo "ok $input"
