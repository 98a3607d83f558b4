#!/usr/bin/env bash
# bench/web.sh — throughput and p99 latency of `jixiao serve` under wrk, next to a
# libmicrohttpd static hello-world (bench/hello.c) on the same machine (not a test).
#
#   bench/web.sh --smoke    1 s per run, one run each, no warm-up
#   bench/web.sh --full     15 s per run, three runs each (the median is kept)
#
# Workloads, 64 connections from one address (so the servers run with
# --max-connections-per-address 0), 2 wrk threads:
#   web-public-page  GET /public/ID                 a published report page (HTML; its
#                                                   charts are <img> of their own)
#   (the same page with Accept-Encoding: gzip, as browsers ask: web-public-page-gzip)
#   web-public-chart GET /public/ID/charts/V/1.svg  its first chart, gzip (immutable)
#   web-score-json   GET /api/public/years/ID/score  its scores as JSON
#   web-public-page-log  the page again, from a server with --access-log FILE
#   baseline         bench/hello.c: the same daemon setup answering 13 bytes
# The jixiao answers are computed once per published version (at its first request),
# kept in the database's page cache and, in each process, as ready answers sent
# without a copy; a request costs one indexed query (is this still the published
# version?) and a queued response.
#
# Environment: JIXIAO (default build/jixiao), BENCH_RESULTS (append JSON lines there),
# BENCH_THREADS (server threads, default: CPUs).  Prints a Markdown section on stdout.
set -euo pipefail

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_args smoke "$@"
if [ "$MODE" = full ]; then DUR=${BENCH_DUR:-15}; RUNS=3; WARM=3; else DUR=1; RUNS=1; WARM=0; fi
JIXIAO=${JIXIAO:-$ROOT/build/jixiao}
THREADS=${BENCH_THREADS:-$(nproc)}
say() { printf 'bench/web: %s\n' "$*" >&2; }
command -v wrk >/dev/null || { say "wrk is not installed (scripts/install-deps.sh --bench)"; exit 1; }
[ -x "$JIXIAO" ] || { say "no jixiao at $JIXIAO (make build)"; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-bench-web.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# the baseline
cc -O2 -o "$tmp/hello" "$ROOT/bench/hello.c" $(pkg-config --cflags --libs libmicrohttpd) -lpthread

# a database with one published department-year
export JIXIAO_FRAMEWORKS=$ROOT/frameworks
db=$tmp/bench.db
printf 'code,name,parent,level\nB,某县财政局,,bureau\n599001,清溪县图书馆,B,unit\n' >"$tmp/deps.csv"
"$JIXIAO" db --db "$db" departments "$tmp/deps.csv" >/dev/null
imported=$("$JIXIAO" db --db "$db" import --user bench "$ROOT/examples/project-county-library-2023.yaml")
year=$(echo "$imported" | grep -Eo '599001 [0-9]{4}' | head -1 | cut -d' ' -f2)
kind=$(echo "$imported" | grep -Eo 'project:[^ ]+' | head -1)
"$JIXIAO" db --db "$db" submit 599001 "$year" --kind "$kind" >/dev/null
# one approval per level of the chain (单位, 主管部门, 财政局), until none is awaited
for _ in 1 2 3 4; do
  "$JIXIAO" db --db "$db" approve 599001 "$year" --kind "$kind" | grep -q '现为：待' || break
done
"$JIXIAO" db --db "$db" publish 599001 "$year" --kind "$kind" >/dev/null
printf 'bench-password-1\n' | "$JIXIAO" user add bench --role reviewer --db "$db" 2>/dev/null

wait_port() { # the port a server printed on stderr ("…:PORT/")
  local port
  for _ in $(seq 200); do
    port=$(grep -Eo ':[0-9]+/' "$1" | head -1 | tr -d ':/' || true)
    [ -n "$port" ] && { echo "$port"; return; }
    sleep 0.05
  done
  say "server did not start: $(cat "$1")"; exit 1
}
"$JIXIAO" serve --db "$db" --listen 127.0.0.1:0 --threads "$THREADS" --max-connections-per-address 0 >/dev/null 2>"$tmp/serve.log" &
pids+=($!)
jport=$(wait_port "$tmp/serve.log")
# the same server with its access log on (a file, as an operator would run it)
"$JIXIAO" serve --db "$db" --listen 127.0.0.1:0 --threads "$THREADS" --max-connections-per-address 0 --access-log "$tmp/access.log" >/dev/null 2>"$tmp/serve-log.log" &
pids+=($!)
lport=$(wait_port "$tmp/serve-log.log")
"$tmp/hello" 0 "$THREADS" >/dev/null 2>"$tmp/hello.log" &
pids+=($!)
hport=$(wait_port "$tmp/hello.log")
id=$(curl -sf "http://127.0.0.1:$jport/api/public/years" | grep -Eo '"id":[0-9]+' | head -1 | cut -d: -f2)
[ -n "$id" ] || { say "no published year"; exit 1; }
page=http://127.0.0.1:$jport/public/$id
score=http://127.0.0.1:$jport/api/public/years/$id/score
hello=http://127.0.0.1:$hport/
size_page=$(curl -sf "$page" | wc -c) # also renders and caches it
page_log=http://127.0.0.1:$lport/public/$id
chart=http://127.0.0.1:$jport$(curl -sf "$page" | grep -Eo '/public/[0-9]+/charts/[0-9]+/1\.svg' | head -1)
[ "$chart" != "http://127.0.0.1:$jport" ] || { say "no chart on the page"; exit 1; }
size_chart_gz=$(curl -sf -H 'Accept-Encoding: gzip' "$chart" | wc -c)
size_chart=$(curl -sf "$chart" | wc -c)
size_score=$(curl -sf "$score" | wc -c)
# the uncached comparison: a logged-in GET of the year parses, checks and scores it per request
cookie=$(curl -sf -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"bench","password":"bench-password-1"}' "http://127.0.0.1:$jport/api/login" |
  grep -i '^set-cookie:' | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | tr -d '\r')
detail=http://127.0.0.1:$jport/api/years/$id
size_detail=$(curl -sf -H "Cookie: $cookie" "$detail" | wc -c)

# wrk → "REQS P99_MS": each the median of its own over the runs (the p99 of a run is not
# tied to that run's throughput; one scheduling hiccup of the shared CPUs moves one run's p99)
measure() { # URL [HEADER]
  local url=$1 all_rps=() all_p99=() out rps p99 v u hdr=()
  [ -n "${2:-}" ] && hdr=(-H "$2")
  # a warm-up run, not counted: the server's first answers compute and cache the page, and
  # the first seconds of a fresh server (thread pool, page cache, CPU clock) are not its steady state
  [ "$WARM" -gt 0 ] && wrk -t2 -c64 -d"${WARM}s" "${hdr[@]}" "$url" >/dev/null
  for _ in $(seq "$RUNS"); do
    out=$(wrk -t2 -c64 -d"${DUR}s" --latency "${hdr[@]}" "$url")
    if echo "$out" | grep -q 'Non-2xx'; then say "non-2xx answers from $url"; exit 1; fi
    rps=$(echo "$out" | awk '/^Requests\/sec:/ {print $2}')
    read -r v u < <(echo "$out" | awk '$1 == "99%" {v=$2; sub(/[a-z]+$/, "", v); u=$2; sub(/^[0-9.]+/, "", u); print v, u}')
    case "$u" in us) p99=$(awk -v v="$v" 'BEGIN{printf "%.2f", v/1000}') ;; ms) p99=$v ;; s) p99=$(awk -v v="$v" 'BEGIN{printf "%.2f", v*1000}') ;; esac
    all_rps+=("$rps")
    all_p99+=("$p99")
  done
  median() { printf '%s\n' "$@" | sort -g | awk -v n="$#" 'NR == int((n + 1) / 2)'; }
  echo "$(median "${all_rps[@]}") $(median "${all_p99[@]}")"
}
say "hello-world baseline …"
read -r h_rps h_p99 < <(measure "$hello")
say "public page …"
read -r p_rps p_p99 < <(measure "$page")
say "public page, gzip …"
read -r g_rps g_p99 < <(measure "$page" "Accept-Encoding: gzip")
size_gz=$(curl -sf -H 'Accept-Encoding: gzip' "$page" | wc -c)
say "public page, access log on …"
read -r l_rps l_p99 < <(measure "$page_log")
log_lines=$(wc -l <"$tmp/access.log")
say "chart, gzip …"
read -r c_rps c_p99 < <(measure "$chart" "Accept-Encoding: gzip")
say "score JSON …"
read -r s_rps s_p99 < <(measure "$score")
say "year computed per request …"
read -r d_rps d_p99 < <(measure "$detail" "Cookie: $cookie")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
p_ratio=$(ratio "$p_rps" "$h_rps")
g_ratio=$(ratio "$g_rps" "$h_rps")
s_ratio=$(ratio "$s_rps" "$h_rps")
d_ratio=$(ratio "$d_rps" "$h_rps")
l_ratio=$(ratio "$l_rps" "$h_rps")
c_ratio=$(ratio "$c_rps" "$h_rps")
log_cost=$(awk -v a="$l_rps" -v b="$p_rps" 'BEGIN{printf "%+.1f", (a / b - 1) * 100}')
ok() { awk -v r="$1" -v p="$2" 'BEGIN{print (r >= 0.5 && p < 5) ? "yes" : "no"}'; }

cat <<EOF
### Web server: \`jixiao serve\` under wrk ($MODE)

| workload | body | requests/s | p99 | vs hello-world | target met (≥ 0.50, p99 < 5 ms) |
| --- | ---: | ---: | ---: | ---: | --- |
| libmicrohttpd hello-world (bench/hello.c) | 13 B | $(printf '%.0f' "$h_rps") | $h_p99 ms | 1.00 | — |
| public report page \`/public/$id\` | $size_page B | $(printf '%.0f' "$p_rps") | $p_p99 ms | $p_ratio | $(ok "$p_ratio" "$p_p99") |
| the same page, \`Accept-Encoding: gzip\` (as browsers ask) | $size_gz B | $(printf '%.0f' "$g_rps") | $g_p99 ms | $g_ratio | $(ok "$g_ratio" "$g_p99") |
| the same page, server with \`--access-log FILE\` | $size_page B | $(printf '%.0f' "$l_rps") | $l_p99 ms | $l_ratio | $(ok "$l_ratio" "$l_p99") |
| its first chart \`${chart#http://127.0.0.1:$jport}\`, gzip ($size_chart B plain) | $size_chart_gz B | $(printf '%.0f' "$c_rps") | $c_p99 ms | $c_ratio | — |
| score JSON \`/api/public/years/$id/score\` | $size_score B | $(printf '%.0f' "$s_rps") | $s_p99 ms | $s_ratio | $(ok "$s_ratio" "$s_p99") |
| for comparison, not cached: \`/api/years/$id\` (session, parse + check + score per request) | $size_detail B | $(printf '%.0f' "$d_rps") | $d_p99 ms | $d_ratio | — |

wrk with 2 threads and 64 connections for ${DUR} s (requests/s and p99 each the median of $RUNS runs, after a ${WARM} s warm-up run that is not counted), against servers with
$THREADS worker threads on the same $(nproc)-CPU machine as wrk itself, so the client takes
its share of the CPUs and p99 includes its scheduling.  The page no longer carries its
charts: each is a resource of its own (\`/public/ID/charts/VERSION/N.svg\`, cacheable
for ever since the URL names the published version), so the page a reader opens again is
small and the charts come from the browser's cache.  Every jixiao answer above is
computed once per published version and then sent as a ready answer (the body is not
copied per request); what each request still pays is one indexed query of the
database (is this version still the published one?) and the queued response.  Access
log on against off, same page: ${log_cost}% requests/s ($log_lines lines written, buffered).  The
last row is what caching saves: the same year opened by a logged-in reviewer is read,
parsed, checked and scored on every request (plus a session lookup).
EOF

if [ -n "${BENCH_RESULTS:-}" ]; then
  {
    printf '{"workload":"web-public-page","value":%s,"unit":"req/s","baseline":%s,"ratio":%s,"target":"≥ 0.50"}\n' "$p_rps" "$h_rps" "$p_ratio"
    printf '{"workload":"web-public-page-p99","value":%s,"unit":"ms","baseline":%s,"ratio":%s,"target":"< 5"}\n' "$p_p99" "$h_p99" "$(ratio "$p_p99" "$h_p99")"
    printf '{"workload":"web-public-page-gzip","value":%s,"unit":"req/s","baseline":%s,"ratio":%s,"target":"≥ 0.50"}\n' "$g_rps" "$h_rps" "$g_ratio"
    printf '{"workload":"web-public-page-log","value":%s,"unit":"req/s","baseline":%s,"ratio":%s,"target":"≥ 0.50"}\n' "$l_rps" "$h_rps" "$l_ratio"
    printf '{"workload":"web-public-chart-gzip","value":%s,"unit":"req/s","baseline":%s,"ratio":%s,"target":"—"}\n' "$c_rps" "$h_rps" "$c_ratio"
    printf '{"workload":"web-score-json","value":%s,"unit":"req/s","baseline":%s,"ratio":%s,"target":"≥ 0.50"}\n' "$s_rps" "$h_rps" "$s_ratio"
    printf '{"workload":"web-year-uncached","value":%s,"unit":"req/s","baseline":%s,"ratio":%s,"target":"—"}\n' "$d_rps" "$h_rps" "$d_ratio"
    printf '{"workload":"web-score-json-p99","value":%s,"unit":"ms","baseline":%s,"ratio":%s,"target":"< 5"}\n' "$s_p99" "$h_p99" "$(ratio "$s_p99" "$h_p99")"
  } >>"$BENCH_RESULTS"
fi
