#!/usr/bin/env bash
# held.sh — the held-out set as a gate: tests/import/held/*.txt (reports in the shapes and
# wordings departments publish, written apart from the importer, each beside a truth file
# of its key figures) imported and scored by score.py; fails below PCT% of the key figures
# overall, or when an audit concludes "均成立" on a file of which under 60% was read.
#
#   tests/import/held.sh JIXIAO_BINARY PCT
#
# Needs python3 with PyYAML (python3-yaml); under CI=true a missing one fails the test.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
py=""
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import yaml' 2>/dev/null; then py=$p; break; fi
done
[ -n "$py" ] || { . "$root/tests/lib/require.sh"; jx_missing python3-yaml "python3 with PyYAML"; }
exec "$py" "$root/tests/import/held/score.py" "$1" "$root/tests/import/held" --gate "$2"
