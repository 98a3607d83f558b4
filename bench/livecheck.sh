#!/usr/bin/env bash
# bench/livecheck.sh — the live check's round trip over HTTP on the seed (#19), not a test:
# the web tests' seed database (tests/web/seed.c: the Ebian 2023 department-year as U1's
# draft), `jixiao serve` on loopback, officer1 logged in, then N checks of one edit as the
# whole-year form sends them (POST /api/years/{id}/check {"base_version", "set":[…]}), each
# timed by curl from the request's start to the answer's last byte.  Target: p95 under 50 ms.
#
#   bench/livecheck.sh [N]     N checks (default 200, after 10 not counted)
#
# Environment: JIXIAO (default build/jixiao), JX_WEB_SEED (default build/tests/jx_web_seed).
# Prints the count, median, p95 and max in ms on stdout; progress on stderr.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${1:-200}
JIXIAO=${JIXIAO:-$ROOT/build/jixiao}
SEED=${JX_WEB_SEED:-$ROOT/build/tests/jx_web_seed}
[ -x "$JIXIAO" ] || { echo "bench/livecheck.sh: no $JIXIAO (build first)" >&2; exit 2; }
[ -x "$SEED" ] || { echo "bench/livecheck.sh: no $SEED (build first)" >&2; exit 2; }
command -v curl >/dev/null || { echo "bench/livecheck.sh: curl is needed" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-bench-livecheck.XXXXXX")
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
say() { printf 'bench/livecheck: %s\n' "$*" >&2; }

"$SEED" "$tmp/web.db" "$ROOT" >/dev/null
JIXIAO_FRAMEWORKS=$ROOT/frameworks "$JIXIAO" serve --db "$tmp/web.db" --listen 127.0.0.1:0 --threads 2 2>"$tmp/serve.err" &
pid=$!
url=
for _ in $(seq 100); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$tmp/serve.err" | head -1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$tmp/serve.err" >&2; exit 1; }
say "serving at $url"

jar=$tmp/cookies
csrf=$(curl -s -c "$jar" -H 'Content-Type: application/json' -d '{"username":"officer1","password":"test-password-1"}' \
  "$url/api/login" | sed -n 's/.*"csrf" *: *"\([^"]*\)".*/\1/p')
[ -n "$csrf" ] || { echo "bench/livecheck.sh: log in failed" >&2; exit 1; }
read -r id version < <(curl -s -b "$jar" "$url/api/years" | python3 -c '
import json, sys
for y in json.load(sys.stdin)["years"]:
    if y["year"] == 2023 and y["kind"] == "department": print(y["id"], y["version"]); break')
say "department-year $id, version $version"

body="{\"base_version\":$version,\"set\":[{\"path\":\"budget.fiscal\",\"value\":\"1000\"},{\"path\":\"indicators[7].actual\",\"value\":\"90\"}]}"
check() {
  curl -s -o "$tmp/out.json" -w '%{http_code} %{time_total}\n' -b "$jar" -H "X-CSRF-Token: $csrf" \
    -H 'Content-Type: application/json' -d "$body" "$url/api/years/$id/check"
}
read -r code _ < <(check)
[ "$code" = 200 ] || { echo "bench/livecheck.sh: the check answered $code: $(head -c 300 "$tmp/out.json")" >&2; exit 1; }
for _ in $(seq 10); do check >/dev/null; done
: >"$tmp/times"
for _ in $(seq "$N"); do check | awk '{ printf "%.3f\n", $2 * 1000 }' >>"$tmp/times"; done
sort -n "$tmp/times" | awk -v n="$N" '
  { t[NR] = $1 }
  END {
    p95 = t[int(n * 0.95 + 0.999)]; med = t[int((n + 1) / 2)]
    printf "live check round trip (POST /api/years/{id}/check, %d runs): median %.1f ms, p95 %.1f ms, max %.1f ms — target p95 < 50 ms: %s\n",
      n, med, p95, t[n], p95 < 50 ? "met" : "NOT met"
  }'
