#!/usr/bin/env bash
# bench_smoke.sh — `bench/run --smoke` runs end to end on a tiny province (CTest:
# bench-smoke).  Asserts that it exits 0 and writes a page with its sections and the
# growth plot; no timing is asserted.
set -uo pipefail
jx=$1
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-bench-smoke.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
JIXIAO=$jx BENCH_OUT=$tmp/performance.md bash "$root/bench/run" --smoke >"$tmp/out" 2>&1 || {
  echo "FAIL: bench/run --smoke exited $?"; tail -n 30 "$tmp/out"; exit 1; }
for want in '## Targets (issue #7)' '## check + score' '## Reports' '## Growth' '| pdf |' '## Database import' '## XLSX import' '## Web pages' '## Monitoring import and alerts'; do
  grep -qF "$want" "$tmp/performance.md" || { echo "FAIL: the page has no '$want'"; exit 1; }
done
# each workload script ran (a failed one leaves "failed (exit status N)" on the page)
if grep -q 'failed (exit status' "$tmp/performance.md"; then
  echo "FAIL: a workload script failed:"; grep -A8 'failed (exit status' "$tmp/performance.md"; exit 1
fi
[ -s "$tmp/performance-growth.svg" ] || { echo "FAIL: no growth plot"; exit 1; }
grep -q '<svg' "$tmp/performance-growth.svg" || { echo "FAIL: the growth plot is not SVG"; exit 1; }
echo "bench smoke: ok"
