#!/usr/bin/env bash
# Runs one review case and compares it with its expectation (tests/review/README.md).
#
#   tests/review/run.sh JIXIAO_BINARY path/to/NAME.case
#
# NAME.case holds the arguments of one `jixiao` command (one line, split on spaces), run in
# the case's directory; NAME.expected holds its stdout, then `--- stderr ---` and its stderr
# when there is any, then `exit: N`.  JX_SPEC_UPDATE=1 rewrites the expectation.
set -uo pipefail
# shellcheck source=../lib/cases.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/cases.sh"
cases_init review_case 'NAME.case' "$@"

read -r -a args <"$dir/$input"
if cases_run review "${args[@]}"; then
  {
    cases_with_final_newline "$tmp/review.out"
    if [ -s "$tmp/review.err" ]; then
      echo "--- stderr ---"
      cases_with_final_newline "$tmp/review.err"
    fi
    echo "exit: $(cat "$tmp/review.rc")"
  } >"$tmp/review.actual"
  cases_compare review "$stem.expected" "$tmp/review.actual"
fi
cases_finish
