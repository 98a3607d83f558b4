#!/usr/bin/env bash
# writers.sh — two writers at once lose nothing, and a stale edit is refused, not merged.
#
#   tests/store/writers.sh JIXIAO sqlite|pg
#
# 1. Two processes import 40 department-years between them while both keep changing one
#    shared department-year (20 imports each, alternating two contents).  Afterwards every
#    department-year is there, and the shared one has exactly one version per change the
#    writers were told about (numbers 1..N, none twice), one history row per version.
# 2. Ten times, two processes edit the same version at the same moment with
#    --expect-version: exactly one is stored, the other is refused ("其他人已修改").
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/backend.sh" writers "$1" "$2"
fail() { echo "writers ($backend): FAIL: $*"; exit 1; }

src=$here/data/A001-2023.yaml
variant() { # CODE DUTIES OUT — the A001 file as another department or with other duties
  sed "s/^  code: \"A001\"/  code: \"$1\"/; s/^  duties: .*/  duties: $2/" "$src" >"$3"
}
for i in $(seq -w 1 40); do variant "W0$i" "职能 $i" "$tmp/W0$i.yaml"; done
variant S000 "共享单位甲" "$tmp/S-a.yaml"
variant S000 "共享单位乙" "$tmp/S-b.yaml"
"$JIXIAO" db init >/dev/null || fail "db init"

writer() { # NAME FIRST LAST — import W<FIRST..LAST>, each followed by the shared file
  local name=$1 k=0
  for i in $(seq -w "$2" "$3"); do
    "$JIXIAO" db import -q --user "$name" "$tmp/W0$i.yaml" >>"$tmp/$name.out" 2>&1 || echo "exit $?" >>"$tmp/$name.err"
    k=$((k + 1))
    if [ $((k % 2)) = 0 ]; then f=S-a; else f=S-b; fi
    [ "$name" = B ] && { [ "$f" = S-a ] && f=S-b || f=S-a; }
    "$JIXIAO" db import --user "$name" "$tmp/$f.yaml" >>"$tmp/$name.shared" 2>&1 || echo "exit $?" >>"$tmp/$name.err"
  done
}
writer A 01 20 &
writer B 21 40 &
wait
[ -s "$tmp/A.err" ] || [ -s "$tmp/B.err" ] && { cat "$tmp"/*.err "$tmp"/*.out "$tmp"/*.shared; fail "an import failed"; }
"$JIXIAO" db list --csv >"$tmp/list.csv" || fail "db list"
n=$(grep -c '^W0' "$tmp/list.csv")
[ "$n" = 40 ] || fail "expected 40 department-years W001..W040, found $n"
# what the writers were told: "新建，第 1 版" once, "第 N 版" for every change, "未变化" otherwise
told=$(cat "$tmp/A.shared" "$tmp/B.shared" | grep -oE '(新建，第|2023 第) [0-9]+ 版' | grep -oE '[0-9]+ 版' | grep -oE '[0-9]+' | sort -n)
count=$(printf '%s\n' "$told" | grep -c .)
distinct=$(printf '%s\n' "$told" | sort -un | grep -c .)
[ "$count" = "$distinct" ] || fail "a version number was reported twice: $(printf '%s ' $told)"
[ "$(printf '%s\n' "$told" | tail -n 1)" = "$count" ] || fail "versions reported are not 1..$count: $(printf '%s ' $told)"
current=$("$JIXIAO" db list --csv | awk -F, '$1 == "S000" { print $6 }')
[ "$current" = "$count" ] || fail "S000 is at version $current but the writers were told of $count versions"
versions=$("$JIXIAO" db history S000 2023 --csv | grep -c ',版本,')
[ "$versions" = "$count" ] || fail "S000 has $versions version rows in its history, expected $count"
unchanged=$(cat "$tmp/A.shared" "$tmp/B.shared" | grep -c '未变化（')
echo "writers ($backend): 2 writers, 80 imports: 40 department-years all present; shared one: $count versions, $unchanged unchanged, none lost"

# ---- stale edits -------------------------------------------------------------------------
variant S000 "共享单位丙" "$tmp/S-c.yaml"
won=0
for round in $(seq 1 10); do
  v=$("$JIXIAO" db list --csv | awk -F, '$1 == "S000" { print $6 }')
  if [ $((round % 2)) = 1 ]; then x=S-c; y=S-a; else x=S-a; y=S-c; fi
  # start S-b as the base, so that both edits differ from it
  "$JIXIAO" db import -q --user base "$tmp/S-b.yaml" >/dev/null 2>&1
  v=$("$JIXIAO" db list --csv | awk -F, '$1 == "S000" { print $6 }')
  "$JIXIAO" db import -q --user X --expect-version "$v" "$tmp/$x.yaml" >"$tmp/x.out" 2>&1 &
  px=$!
  "$JIXIAO" db import -q --user Y --expect-version "$v" "$tmp/$y.yaml" >"$tmp/y.out" 2>&1 &
  py=$!
  wait $px
  rx=$?
  wait $py
  ry=$?
  ok=$(( (rx == 0) + (ry == 0) ))
  [ "$ok" = 1 ] || { cat "$tmp/x.out" "$tmp/y.out"; fail "round $round: $ok of 2 concurrent edits of version $v were stored (exit $rx, $ry)"; }
  grep -q '其他人已修改' "$tmp/x.out" "$tmp/y.out" || fail "round $round: the loser was not told why"
  now=$("$JIXIAO" db list --csv | awk -F, '$1 == "S000" { print $6 }')
  [ "$now" = $((v + 1)) ] || fail "round $round: version $now after one edit of $v"
  won=$((won + 1))
done
echo "writers ($backend): 10 rounds of two concurrent edits of one version: each time exactly one stored, one refused"

# ---- two batches at once, in opposite orders ------------------------------------------------
# Two processes import the same 30 department-years, each its own content, each in one batch
# (--batch 30): one in the order 1..30, the other 30..1.  On PostgreSQL a batch holds each
# department-year's advisory lock until it commits, so the two deadlock; the server aborts
# one, which rolls back its whole batch and imports it again (jx_store_batch_lost).  On
# SQLite the second batch waits for the first.  Either way both succeed and every
# department-year ends with two versions, none lost.
for i in $(seq -w 1 30); do
  variant "D0$i" "批次甲 $i" "$tmp/Da$i.yaml"
  variant "D0$i" "批次乙 $i" "$tmp/Db$i.yaml"
done
deadlocks() { [ "$backend" = pg ] && sql "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()" || echo 0; }
before=$(deadlocks)
"$JIXIAO" db import -q --batch 30 --user X $(for i in $(seq -w 1 30); do echo "$tmp/Da$i.yaml"; done) >"$tmp/x.out" 2>&1 &
px=$!
"$JIXIAO" db import -q --batch 30 --user Y $(for i in $(seq -w 30 -1 1); do echo "$tmp/Db$i.yaml"; done) >"$tmp/y.out" 2>&1 &
py=$!
wait $px || { cat "$tmp/x.out"; fail "batch writer X failed"; }
wait $py || { cat "$tmp/y.out"; fail "batch writer Y failed"; }
"$JIXIAO" db list --csv >"$tmp/list.csv" || fail "db list"
two=$(awk -F, '$1 ~ /^D0/ && $6 == 2' "$tmp/list.csv" | wc -l)
[ "$two" = 30 ] || { cat "$tmp/list.csv"; fail "after two concurrent batches $two of 30 department-years have 2 versions"; }
for i in 01 15 30; do
  v=$("$JIXIAO" db history "D0$i" 2023 --csv | grep -c ',版本,')
  [ "$v" = 2 ] || fail "D0$i has $v version rows in its history, expected 2"
done
sleep 1 # PostgreSQL publishes its statistics at most once a second
echo "writers ($backend): two batches of 30 department-years in opposite orders: both stored, each department-year has 2 versions" \
  "($(( $(deadlocks) - before )) deadlock(s) broken by the server and retried)"
