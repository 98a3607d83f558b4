#!/usr/bin/env bash
# Runs one data-driven import case and compares it with its expectations.
#
#   tests/import/run_import.sh JIXIAO_BINARY path/to/NAME.{txt,pdf,docx,html,xlsx}
#
# In the input's directory (commands run there, so paths in the output are bare names):
#   NAME.yaml.expected    stdout of `jixiao import-report NAME.txt`: the department-year YAML
#   NAME.import.expected  its stderr (the diagnostics), then a last line `exit: N`
#   NAME.audit.expected   `jixiao audit NAME.txt`: stdout, then stderr, then `exit: N`
#   NAME.parts.expected   for a file of several forms: `jixiao import-report NAME.txt -o DIR`,
#                         each file it wrote under a "== FILE" line, then stderr, `exit: N`
# Each YAML the import writes must also read back with no JX1xx error (`jixiao check`).
# On a mismatch prints a unified diff (expected → actual) and exits 1.
# Environment: see tests/lib/cases.sh (JX_SPEC_UPDATE=1 rewrites the expectations).
set -uo pipefail
# shellcheck source=../lib/cases.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/cases.sh"
cases_init run_import 'NAME.txt|NAME.pdf|NAME.docx|NAME.html|NAME.xlsx' "$@"

# a file of several forms: its parts (only when NAME.parts.expected exists, also when
# updating), and no single-file import
parts=false
[ -f "$dir/$stem.parts.expected" ] && parts=true
if $parts; then
  mkdir -p "$tmp/parts"
  if cases_run parts import-report "$input" -o "$tmp/parts"; then
    {
      for f in "$tmp"/parts/*.yaml; do
        [ -e "$f" ] || continue
        echo "== $(basename "$f")"
        cat "$f"
      done
      sed "s#$tmp/parts/##g" "$tmp/parts.err"
      echo "exit: $(cat "$tmp/parts.rc")"
    } >"$tmp/parts.actual"
    cases_compare parts "$stem.parts.expected" "$tmp/parts.actual"
  fi
fi

if ! $parts && { cases_wanted "$stem.yaml.expected" || cases_wanted "$stem.import.expected"; }; then
  if cases_run import import-report "$input"; then
    { cases_with_final_newline "$tmp/import.err"; echo "exit: $(cat "$tmp/import.rc")"; } >"$tmp/import.actual"
    cases_wanted "$stem.import.expected" && cases_compare import "$stem.import.expected" "$tmp/import.actual"
    if [ -s "$tmp/import.out" ]; then
      cases_wanted "$stem.yaml.expected" && cases_compare yaml "$stem.yaml.expected" "$tmp/import.out"
      # the YAML reads back: no JX1xx error
      cp "$tmp/import.out" "$tmp/$stem.yaml"
      cases_ran=$((cases_ran + 1))
      (cd "$tmp" && "$jixiao" check "$stem.yaml") >"$tmp/check.out" 2>&1
      if grep -qE ': error: JX1[0-9]{2} ' "$tmp/check.out"; then
        echo "FAIL readback: the imported YAML has reading errors:"
        grep -E ': error: JX1[0-9]{2} ' "$tmp/check.out"
        cases_failed=$((cases_failed + 1))
      else
        echo "ok   readback $input"
      fi
    fi
  fi
fi

if cases_wanted "$stem.audit.expected"; then
  if cases_run audit audit "$input"; then
    { cases_with_final_newline "$tmp/audit.out"; cases_with_final_newline "$tmp/audit.err"; echo "exit: $(cat "$tmp/audit.rc")"; } >"$tmp/audit.actual"
    cases_compare audit "$stem.audit.expected" "$tmp/audit.actual"
  fi
fi
cases_finish
