#!/usr/bin/env bash
# lint-tidy.sh — clang-tidy over the files given, for `make lint`, which runs several of these
# at once (xargs -P): prints only real findings, the whole of one run's in one write.
#
#   LINT_ANALYZER=shallow|deep scripts/lint-tidy.sh BUILD_DIR FILE.c...
#
# clang-tidy prints "N warnings generated." for the warnings its checks filter out; those
# lines are dropped here, inside each run — filtered after xargs, two runs' lines could
# interleave ("1" + " warnings generated.") and pass for a finding.  Always exits 0: the
# caller fails on any output.
set -uo pipefail
build=$1
shift
out=$(clang-tidy -p "$build" --quiet --extra-arg=-Xclang --extra-arg=-analyzer-config --extra-arg=-Xclang \
  --extra-arg=mode="${LINT_ANALYZER:-shallow}" "$@" 2>&1 |
  grep -Ev '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$|^Suppressed [0-9]+ warnings|^Use -header-filter|^$')
[ -z "$out" ] || printf '%s\n' "$out"
exit 0
