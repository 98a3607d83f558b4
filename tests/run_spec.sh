#!/usr/bin/env bash
# Runs one data-driven spec case and compares it with its expectations.
#
#   tests/run_spec.sh JIXIAO_BINARY path/to/NAME.yaml
#
# In NAME.yaml's directory (commands run there):
#   NAME.expected        stdout of `jixiao check --no-color NAME.yaml`, then a last line `exit: N`
#   NAME.score.expected  the same for `jixiao score NAME.yaml` (optional)
#   NAME.md.expected, NAME.html.expected  golden reports: `jixiao report NAME.yaml --format md|html`
#   NAME.args            optional: options given to each of these commands (one line, split on
#                        spaces), e.g. `--declaration locked.decl.yaml`
# On a mismatch prints a unified diff (expected → actual) and exits 1.
# Environment: see tests/lib/cases.sh (JX_SPEC_UPDATE=1 rewrites the expectations).
set -uo pipefail
# shellcheck source=lib/cases.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/cases.sh"
cases_init run_spec 'NAME.yaml' "$@"

args=()
[ -f "$dir/$stem.args" ] && read -r -a args <"$dir/$stem.args"
[ -f "$dir/$stem.expected" ] && cases_expect check "$stem.expected" check --no-color "${args[@]}" "$input"
[ -f "$dir/$stem.score.expected" ] && cases_expect score "$stem.score.expected" score "${args[@]}" "$input"
for fmt in md html; do
  [ -f "$dir/$stem.$fmt.expected" ] && cases_expect "report-$fmt" "$stem.$fmt.expected" report "${args[@]}" "$input" --format "$fmt"
done
cases_finish
